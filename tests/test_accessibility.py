"""WCAG 2.1 AA checks (axe-core in Chromium) on the public pages of every app, with the demo loaded."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def public_pages() -> list[str]:
    from meetings.models import Meeting
    from monitoring.models import Structure

    meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("starts_at").last()
    structure = Structure.objects.order_by("name").first()
    return [
        "/meetings/",
        "/en/meetings/?when=past",
        meeting.get_absolute_url(),
        "/biodiva/",
        "/en/biodiva/signup/",
        "/monitoring/",
        f"/monitoring/structures/{structure.slug}/",
        "/en/monitoring/compare/",
        "/regions/?type=heath_and_fens",
        "/en/species/?q=vleermuis",
        "/projects/",
        "/en/projects/?kind=castle",
        "/projects/demo-bedrijventerrein-geel/",
        "/en/projects/2b-connect/",
        "/projects/sdgs/",
        "/en/projects/sdgs/?region=rupel-zenne-dijle",
        "/regions/rupel-zenne-dijle/",
        "/monitoring/students/",
        "/en/monitoring/students/",
    ]


def test_public_pages_of_all_apps_have_no_wcag_21_aa_violations(page, live_server, reference_data):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reports = {}
    for path in public_pages():
        response = page.goto(live_server.url + path)
        assert response.ok, path
        page.wait_for_load_state("networkidle")
        results = Axe().run(page, options=WCAG_21_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}
