import pytest
from django.core import mail

from meetings.models import Registration
from tests.meetings.factories import MeetingFactory, stakeholder_group

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_visitor_registers_for_a_meeting_from_its_page(page, live_server):
    farmer = stakeholder_group("farmer")
    meeting = MeetingFactory(title_nl="Hagen en houtkanten in Boom", capacity=5)

    page.goto(live_server.url + "/meetings/")
    page.get_by_role("link", name="Hagen en houtkanten in Boom").click()
    page.get_by_label("Naam").fill("An Peeters")
    page.get_by_label("E-mailadres").fill("an@example.org")
    page.get_by_label("Organisatie").fill("Boerenbond")
    page.get_by_label("Stakeholdergroep").select_option(value=str(farmer.pk))
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Inschrijven").click()

    page.get_by_role("heading", name="Bedankt voor je inschrijving").wait_for()
    registration = Registration.objects.get(meeting=meeting)
    assert registration.status == Registration.Status.CONFIRMED and registration.name == "An Peeters"
    assert mail.outbox[0].to == ["an@example.org"]


def test_registrations_page_fits_a_phone_screen(page, live_server, client):
    """On a phone the wide table scrolls inside its own box; the page itself never scrolls sideways."""
    from django.conf import settings

    from tests.meetings.factories import RegistrationFactory, UserFactory

    meeting = MeetingFactory()
    RegistrationFactory(
        meeting=meeting, email="een-heel-lang-adres-voor-de-test@natuurorganisatie.example.org"
    )
    client.force_login(UserFactory(organiser=True))
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(f"{live_server.url}/meetings/staff/{meeting.pk}/registrations/")

    page.get_by_role("heading", level=1).wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("region", name="Inschrijvingen").focus()
