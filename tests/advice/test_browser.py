"""From the request on the public form to the answer on the requester's personal page."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from advice.models import AdviceRequest
from tests.landscapes.factories import MeasureFactory

from .factories import ecologist, png

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def log_in(page, live_server, client, user) -> None:
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_a_request_from_the_form_to_the_answer(page, live_server, client, regions, tmp_path):
    MeasureFactory(slug="pond", name_nl="Poel", name_en="Pond")
    photo = tmp_path / "weide.png"
    photo.write_bytes(png().read())

    # A farmer finds the form in the navigation, picks the spot on the map and sends the request.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Vraag een ecoloog").click()
    page.get_by_label(re.compile(r"^Naam \*")).fill("Bart Verhoeven")
    page.get_by_label("E-mailadres").fill("bart@example.org")
    page.get_by_role("group", name="Je vraagt als").get_by_label("landbouwer").check()
    page.get_by_role("group", name="Waarover wil je advies?").get_by_label(
        "advies tegen versnippering"
    ).check()
    page.get_by_label("Beschrijf je vraag").fill("Een drukke weg scheidt mijn weiden van het bos.")
    picker_map = page.locator(".location-picker-map")
    expect(picker_map).to_have_attribute("data-ready", "true")
    picker_map.click()
    assert page.get_by_label("Breedtegraad").input_value() != ""
    page.get_by_label("Foto's", exact=True).set_input_files(str(photo))
    page.get_by_role("checkbox", name=re.compile("Ik ga ermee akkoord")).check()
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()
    page.get_by_role("heading", name="Bedankt voor je aanvraag").wait_for()

    advice_request = AdviceRequest.objects.get()
    assert advice_request.region is not None and advice_request.attachments.count() == 1
    personal_url = re.search(r"http\S+/advice/request/\S+/", mail.outbox[0].body).group(0)
    personal_path = personal_url.split("://", 1)[1].split("/", 1)[1]

    # The requester follows it with the link from the e-mail.
    page.goto(f"{live_server.url}/{personal_path}")
    page.get_by_text("Ontvangen", exact=True).wait_for()

    # An ecologist triages, plans the visit, links a measure and answers.
    log_in(page, live_server, client, ecologist("eva"))
    page.goto(live_server.url + "/advice/team/")
    page.get_by_role("link", name=advice_request.reference).click()
    page.get_by_role("group", name="Beslissing").get_by_label("Aanvaarden").check()
    page.get_by_role("button", name="Beslissing bewaren").click()
    page.get_by_text("De beslissing is bewaard").wait_for()
    visit = timezone.localdate() + timedelta(days=6)
    page.get_by_label("Plaatsbezoek op").fill(visit.isoformat())
    page.get_by_role("button", name="Bezoek plannen").click()
    page.get_by_text("Het plaatsbezoek is gepland").wait_for()
    page.get_by_role("group", name="Maatregelen").get_by_label(re.compile("^Poel")).check()
    page.get_by_role("button", name="Koppelingen bewaren").click()
    page.get_by_text("zijn gekoppeld").wait_for()
    page.get_by_role("textbox", name="Advies").fill("Plant een houtkant langs de weg en leg een poel aan.")
    page.get_by_role("button", name="Advies versturen").click()
    page.get_by_text("Het advies en de brief zijn naar de aanvrager verstuurd.").wait_for()

    # The requester reads the answer and downloads the letter.
    context = page.context
    context.clear_cookies()
    page.goto(f"{live_server.url}/{personal_path}")
    page.get_by_role("heading", name="Ons advies").wait_for()
    page.get_by_text("Plant een houtkant langs de weg").wait_for()
    assert page.get_by_role("link", name="Poel").is_visible()
    href = page.get_by_role("link", name="Download de adviesbrief (PDF)").get_attribute("href")
    letter = page.request.get(live_server.url + href)
    assert letter.ok and letter.body().startswith(b"%PDF-")
    assert [m.to for m in mail.outbox] == [["bart@example.org"]] * 4
