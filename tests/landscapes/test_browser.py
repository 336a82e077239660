"""A resident on the overview map, in the system Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BOOM = (51.0875, 4.3665)
AARSCHOT = (50.985, 4.836)  # in Flemish Brabant, just south of the province


@pytest.fixture
def home(page, live_server, transactional_db, regions):
    page.goto(live_server.url + "/")
    expect(page.locator("#overview-map")).to_have_attribute("data-ready", "true")
    return page


def click_map(page, lat, lon):
    x, y = page.evaluate(
        "([lat, lon]) => {"
        " const p = window.overviewMap.latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    page.locator("#overview-map").click(position={"x": x, "y": y})


def test_clicking_boom_shows_rupel_zenne_en_dijle(home):
    click_map(home, *BOOM)
    card = home.locator("#region-result .result-card")
    expect(card).to_contain_text("Rupel, Zenne en Dijle")
    expect(card.get_by_role("link", name="Download de brochure (PDF)")).to_be_visible()
    highlighted = home.evaluate(
        "() => Object.values(window.overviewMap._layers)"
        ".filter(l => l.feature && l.options.fillColor === '#f2c94c').map(l => l.feature.id)"
    )
    assert highlighted == ["rupel-zenne-dijle"]


def test_clicking_outside_the_province_says_so(home):
    click_map(home, *AARSCHOT)
    expect(home.locator("#region-result")).to_contain_text("niet in de provincie Antwerpen")


def test_typing_turnhout_by_keyboard_lands_on_its_region(home, live_server):
    home.locator("#municipality").focus()
    home.keyboard.type("Turnhout")
    home.keyboard.press("Enter")
    card = home.locator("#region-result .result-card")
    expect(card).to_contain_text("Turnhoutse Kempen")
    card.get_by_role("link", name="Lees het landschapsbeeld").click()
    expect(home.get_by_role("heading", level=1)).to_have_text("Turnhoutse Kempen")
    assert home.url == live_server.url + "/regions/turnhoutse-kempen/"


def test_the_brochure_download_is_a_real_pdf(home, live_server):
    home.goto(live_server.url + "/regions/rupel-zenne-dijle/")
    with home.expect_download() as info:
        home.get_by_role("link", name="Download de brochure (PDF)").first.click()
    download = info.value
    assert download.suggested_filename == "landschapsbeeld-rupel-zenne-dijle.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"


def test_english_page_and_no_request_leaves_the_machine(page, live_server, transactional_db, regions):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(live_server.url + "/en/")
    expect(page.locator("#overview-map")).to_have_attribute("data-ready", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which landscape do you live in?")
    assert outside == []


def test_use_my_location_finds_the_region(browser, live_server, transactional_db, regions):
    context = browser.new_context(
        locale="nl-BE", geolocation={"latitude": 51.3227, "longitude": 4.9447}, permissions=["geolocation"]
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator("#overview-map")).to_have_attribute("data-ready", "true")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.locator("#region-result .result-card")).to_contain_text("Turnhoutse Kempen")
    context.close()


def test_a_region_on_the_map_answers_enter_from_the_keyboard(home):
    region = home.get_by_role("button", name="Zuiderkempen")
    region.focus()
    home.keyboard.press("Enter")
    expect(home.locator("#region-result .result-card")).to_contain_text("Zuiderkempen")


def test_the_finder_comes_before_the_map_in_keyboard_order(home):
    home.locator("h1").click()
    for _ in range(8):
        home.keyboard.press("Tab")
        if home.evaluate("document.activeElement.id") == "municipality":
            break
    assert home.evaluate("document.activeElement.id") == "municipality"
