"""WCAG 2.1 AA checks (axe-core, run in Chromium) on the landscape pages, and keyboard use."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def demo(transactional_db):
    from landscapes import demo

    demo.load()


PAGES = [
    "/",
    "/en/",
    "/regions/rupel-zenne-dijle/",
    "/en/regions/kalmthoutse-heide/",
    "/measures/",
    "/measures/pond/",
    "/en/measures/?applies_to=school",
    "/accounts/login/",
]


def test_pages_have_no_wcag_21_aa_violations(page, live_server, demo):
    """One demo load for all pages (loading it per page would take seconds each)."""
    from landscapes.models import Species

    reports = {}
    for path in [*PAGES, Species.objects.get(scientific_name="Rana arvalis").get_absolute_url()]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        results = Axe().run(page, options=WCAG_21_AA)
        if results.violations_count:
            reports[path] = results.generate_report()
    assert reports == {}


def test_skip_link_and_finder_work_by_keyboard(page, live_server, demo):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    page.locator("#municipality").focus()
    page.keyboard.type("Mol")
    page.keyboard.press("Enter")
    expect(page.locator("#region-result .result-card")).to_be_focused()
    expect(page.locator("#region-result")).to_contain_text("Kempense kanalen en vennen")


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["1280", "390"]
)
def test_the_map_with_its_panel_open_names_shown_and_an_answer_has_no_violations(
    page, live_server, demo, viewport
):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    expect(page.locator("#overview-map")).to_have_attribute("data-municipalities", "true")
    page.locator(".map-panel summary").click()
    page.get_by_label("Faunapassages").check()
    page.evaluate("window.overviewMap.setView([51.0875, 4.3665], 12, {animate: false})")
    page.locator("#municipality").fill("2850")
    page.locator("#municipality").press("Enter")
    expect(page.locator("#region-result .result-card")).to_be_focused()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
