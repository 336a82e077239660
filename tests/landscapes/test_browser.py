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


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])


def open_home(page, live_server, viewport, path="/"):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + path)
    expect(page.locator("#overview-map")).to_have_attribute("data-ready", "true")
    expect(page.locator("#overview-map")).to_have_attribute("data-municipalities", "true")
    return page


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@WIDTHS
def test_municipality_names_appear_when_zooming_in(page, live_server, transactional_db, regions, viewport):
    open_home(page, live_server, viewport)
    boom = page.locator(".municipality-label", has_text="Boom")
    expect(boom).to_be_hidden()
    page.evaluate("window.overviewMap.setView([51.0875, 4.3665], 12, {animate: false})")
    expect(boom).to_be_visible()
    expect(page.locator(".municipality-label", has_text="Schelle")).to_be_visible()
    # Borders of the municipalities are drawn too, and never catch a click.
    assert page.locator(".leaflet-municipalities-pane path").count() == 67


@WIDTHS
def test_clicking_boom_answers_the_region_even_with_all_overlays_on(
    page, live_server, transactional_db, regions, viewport
):
    from tests.meetings.factories import MeetingFactory, OutcomeFactory

    for offset in (0.0, 0.002, -0.002):
        meeting = MeetingFactory(
            latitude=BOOM[0] + offset, longitude=BOOM[1], regions=[regions["rupel-zenne-dijle"]]
        )
        OutcomeFactory(meeting=meeting, latitude=BOOM[0], longitude=BOOM[1] + offset, is_public=True)
    open_home(page, live_server, viewport)
    assert (
        page.locator(".leaflet-interactive.leaflet-marker-icon, path.leaflet-interactive[d*='a']").count()
        == 0
    )
    page.locator(".map-panel summary").click()
    page.get_by_label("Overleggen en lokale plannen").check()
    expect(page.locator(".map-legend").first).to_contain_text("geannuleerd overleg")
    markers = page.locator(".leaflet-overlay-pane path.leaflet-interactive")
    expect(markers).to_have_count(18 + 6)
    page.locator(".map-panel summary").click()
    click_map(page, *BOOM)
    expect(page.locator("#region-result .result-card")).to_contain_text("Rupel, Zenne en Dijle")


def test_a_cancelled_meeting_is_a_small_hollow_dot(page, live_server, transactional_db, regions):
    from meetings.models import Meeting
    from tests.meetings.factories import MeetingFactory

    region = regions["turnhoutse-kempen"]
    MeetingFactory(latitude=51.32, longitude=4.94, regions=[region])
    MeetingFactory(latitude=51.33, longitude=4.90, regions=[region], status=Meeting.Status.CANCELLED)
    open_home(page, live_server, DESKTOP)
    page.locator(".map-panel summary").click()
    page.get_by_label("Overleggen en lokale plannen").check()
    expect(page.locator(".leaflet-overlay-pane path.leaflet-interactive")).to_have_count(18 + 2)
    styles = page.evaluate(
        "() => Object.values(window.overviewMap._layers)"
        ".filter(l => l.feature && l.feature.geometry.type === 'Point')"
        ".map(l => [l.feature.properties.muted || false, l.options.radius, l.options.fillOpacity])"
    )
    assert sorted(styles) == [[False, 7, 0.9], [True, 5, 0.6]]


@WIDTHS
def test_the_finder_takes_a_postcode_and_moves_the_focus_to_the_answer(
    page, live_server, transactional_db, regions, viewport
):
    open_home(page, live_server, viewport)
    page.locator("#municipality").fill("2850")
    page.locator("#municipality").press("Enter")
    card = page.locator("#region-result .result-card")
    expect(card).to_contain_text("2850 is de postcode van Boom.")
    expect(card).to_contain_text("Rupel, Zenne en Dijle")
    expect(card).to_be_focused()
    expect(card).to_be_in_viewport()


def test_a_merged_municipality_is_explained_in_english(page, live_server, transactional_db, regions):
    open_home(page, live_server, PHONE, "/en/")
    page.locator("#municipality").fill("Borsbeek")
    page.get_by_role("button", name="Find my region").click()
    card = page.locator("#region-result .result-card")
    expect(card).to_contain_text("Borsbeek has been part of Antwerpen since 2025.")
    expect(card).to_contain_text("City, port and polders of Antwerp")


def test_a_place_outside_the_province_is_explained_next_to_the_field(
    page, live_server, transactional_db, regions
):
    open_home(page, live_server, DESKTOP)
    page.locator("#municipality").fill("Zwijndrecht")
    page.locator("#municipality").press("Enter")
    error = page.locator("#municipality-error")
    expect(error).to_have_text(
        "Zwijndrecht is sinds 2025 deel van Beveren-Kruibeke-Zwijndrecht, buiten de provincie Antwerpen."
    )
    expect(page.locator("#municipality")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#municipality")).to_be_focused()


@WIDTHS
def test_enter_on_a_region_moves_the_focus_to_its_card(
    page, live_server, transactional_db, regions, viewport
):
    open_home(page, live_server, viewport)
    page.get_by_role("button", name="Zuiderkempen").focus()
    page.keyboard.press("Enter")
    card = page.locator("#region-result .result-card")
    expect(card).to_contain_text("Zuiderkempen")
    expect(card).to_be_focused()


@WIDTHS
def test_a_300_character_name_does_not_widen_the_page(page, live_server, transactional_db, regions, viewport):
    name = "Oostmalle" * 33 + "abc"
    assert len(name) == 300
    open_home(page, live_server, viewport, "/?municipality=" + name)
    expect(page.locator("#municipality-error")).to_contain_text("is geen gemeente")
    assert page_width(page) <= viewport["width"]
    page.locator("#municipality").fill(name + "x")
    page.locator("#municipality").press("Enter")
    expect(page.locator("#municipality-error")).to_contain_text(name + "x")
    assert page_width(page) <= viewport["width"]


def test_on_a_phone_the_answer_to_use_my_location_is_scrolled_into_view(
    browser, live_server, transactional_db, regions
):
    context = browser.new_context(
        locale="nl-BE",
        viewport=PHONE,
        geolocation={"latitude": 51.3227, "longitude": 4.9447},
        permissions=["geolocation"],
    )
    context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator("#overview-map")).to_have_attribute("data-ready", "true")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    card = page.locator("#region-result .result-card")
    expect(card).to_contain_text("Turnhoutse Kempen")
    expect(card.get_by_role("heading", level=2)).to_be_in_viewport()
    context.close()


@WIDTHS
def test_the_map_works_unchanged_when_the_background_tiles_cannot_load(
    page, live_server, transactional_db, regions, settings, viewport
):
    settings.MAP_BACKGROUND = "vlaanderen"
    tiles = []
    page.on("requestfailed", lambda r: tiles.append(r.url) if "geo.api.vlaanderen.be" in r.url else None)
    open_home(page, live_server, viewport)
    click_map(page, *BOOM)
    expect(page.locator("#region-result .result-card")).to_contain_text("Rupel, Zenne en Dijle")
    assert tiles, "the GRB tiles were asked for (and refused: tests stay offline)"
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Digitaal Vlaanderen")
    page.locator(".map-panel summary").click()
    page.get_by_label("Luchtfoto’s").check()
    page.get_by_label("Geen achtergrond").check()
    page.locator(".map-panel summary").click()
    click_map(page, 51.3227, 4.9447)
    expect(page.locator("#region-result .result-card")).to_contain_text("Turnhoutse Kempen")
