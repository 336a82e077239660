"""Picking a place in the browser: by postcode and by a click on the map, at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def site_form(page, live_server, transactional_db, regions, company_user, company):
    from django.test import Client

    client = Client()
    client.force_login(company_user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return live_server.url + f"/biodiva/companies/{company.pk}/sites/new/"


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["1280", "390"]
)
def test_a_postcode_then_a_click_on_the_map_fills_in_the_coordinates(page, site_form, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_form)
    picker = page.locator("[data-location-picker]")
    expect(picker.locator(".location-picker-map")).to_have_attribute("data-ready", "true")
    search = page.get_by_label("Zoek de plaats")
    search.fill("2850")
    search.press("Enter")  # finds the place; does not send the form
    status = picker.locator(".location-picker-status")
    expect(status).to_contain_text("2850 is de postcode van Boom.")
    expect(status).to_contain_text("Rupel, Zenne en Dijle")
    latitude = float(page.locator("#id_latitude").input_value())
    assert 51.05 < latitude < 51.12
    map_box = picker.locator(".location-picker-map").bounding_box()
    picker.locator(".location-picker-map").click(
        position={"x": map_box["width"] * 0.6, "y": map_box["height"] * 0.4}
    )
    expect(page.locator("#id_latitude")).not_to_have_value(str(latitude))
    expect(status).to_contain_text("Op de kaart:")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_a_site_with_a_decimal_comma_is_saved_from_the_browser(page, site_form):
    from biodiva.models import Site

    page.goto(site_form)
    page.locator("#id_name").fill("Depot Boom")
    page.locator("#id_address").fill("Kapelstraat 5, 2850 Boom")
    page.locator("#id_latitude").fill("51,0875")
    page.locator("#id_longitude").fill("4,3665")
    page.locator("#id_surface_m2").fill("12000")
    page.locator("#id_sector").select_option(index=1)
    page.locator("#id_activity").select_option(index=1)
    page.get_by_role("button", name="Terrein bewaren").click()
    expect(page.locator(".error")).to_have_text([])
    expect(page.locator("h1")).to_contain_text("Depot Boom")
    assert Site.objects.get(name="Depot Boom").region.slug == "rupel-zenne-dijle"


def test_the_site_form_with_its_picker_has_no_wcag_violations(page, site_form):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_form)
    expect(page.locator(".location-picker-map")).to_have_attribute("data-ready", "true")
    page.get_by_label("Zoek de plaats").fill("Berchem")
    page.get_by_role("button", name="Zoek", exact=True).click()
    expect(page.locator(".location-picker-status")).to_contain_text("Berchem is een district van Antwerpen.")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
