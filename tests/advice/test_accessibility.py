"""WCAG 2.1 AA (axe-core in Chromium) on the advice pages: the public form, the personal page and the
team's pages, as their users see them."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from advice import services
from tests.landscapes.factories import MeasureFactory
from tests.monitoring.factories import StructureFactory
from tests.test_accessibility import WCAG_21_AA

from .factories import AdviceRequestFactory, ecologist
from .test_browser import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def violations(page) -> str | None:
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=WCAG_21_AA)
    return results.generate_report() if results.violations_count else None


def test_the_advice_pages_have_no_wcag_21_aa_violations(page, live_server, client, regions):
    eco = ecologist("eva")
    region = next(iter(regions.values()))
    MeasureFactory(slug="pond")
    StructureFactory(slug="tunnel-n16")
    answered = AdviceRequestFactory(region=region)
    services.triage(advice_request=answered, actor=eco, decision="accept")
    services.plan_site_visit(advice_request=answered, actor=eco, on=timezone.localdate() + timedelta(days=3))
    services.answer(advice_request=answered, actor=eco, text="Leg een poel aan.")
    accepted = AdviceRequestFactory(region=region)
    services.triage(advice_request=accepted, actor=eco, decision="accept")
    services.add_note(advice_request=accepted, author=eco, text="Eerst bellen.")
    new = AdviceRequestFactory(region=region)

    reports = {}
    for path in ["/advice/", "/en/advice/privacy/", answered.get_absolute_url()]:
        page.goto(live_server.url + path)
        reports[path] = violations(page)
    page.goto(live_server.url + "/en/advice/")
    page.get_by_role("button", name="Send my request").click()
    page.get_by_text("Please correct the errors below.").wait_for()
    reports["form with errors"] = violations(page)

    log_in(page, live_server, client, eco)
    for path in [
        "/advice/team/?status=all",
        new.get_staff_url(),
        accepted.get_staff_url(),
        answered.get_staff_url(),
        "/en/advice/team/figures/",
    ]:
        page.goto(live_server.url + path)
        reports[path] = violations(page)
    assert {path: report for path, report in reports.items() if report} == {}
