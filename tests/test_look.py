"""The look on a phone (390 px) and a desktop (1280 px): a compact header whose navigation folds
behind an accessible "Menu" button, and wide tables that reflow as cards instead of overflowing."""

import pytest

from tests.pages import load_demo, log_in

pytestmark = pytest.mark.browser


def _header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(page, live_server, transactional_db):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/measures/")
    toggle = page.get_by_role("button", name="Menu")
    nav_link = page.locator("#site-nav").locator("a[href='/meetings/']")

    assert toggle.get_attribute("aria-expanded") == "false"
    assert nav_link.is_hidden()
    assert _header_height(page) < 90

    # by keyboard: Tab to the button, Enter opens, Escape closes and gives focus back
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav_link.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert nav_link.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")


def test_on_a_desktop_the_navigation_shows_without_a_button(page, live_server, transactional_db):
    page.goto(live_server.url + "/measures/")

    assert page.locator(".nav-toggle").is_hidden()
    assert page.locator("#site-nav").locator("a[href='/meetings/']").is_visible()


def test_without_javascript_the_phone_navigation_stays_open(browser, live_server, transactional_db):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/measures/")

    assert page.locator("#site-nav").locator("a[href='/meetings/']").is_visible()
    assert page.locator(".nav-toggle").is_hidden()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_wide_tables_reflow_as_cards_on_a_phone(page, live_server, reference_data, width):
    load_demo()
    from monitoring.models import Structure

    structure = Structure.objects.order_by("slug").first()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "ecologist")
    for path in ("/monitoring/review/", f"/monitoring/structures/{structure.slug}/", "/monitoring/"):
        page.goto(live_server.url + path)
        table = page.locator("main table.stack").first
        cell = table.locator("tbody td[data-label]").first
        display = cell.evaluate("td => getComputedStyle(td).display")
        if width == 390:
            assert display == "grid", path
            assert cell.evaluate("td => getComputedStyle(td, '::before').content") != "none", path
        else:
            assert display == "table-cell", path
        assert table.evaluate("t => t.getBoundingClientRect().right") <= width, path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
