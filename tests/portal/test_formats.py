"""Numbers and dates in the language of the page: 24.000 m² and 4 okt. 2026 in Dutch, 24,000 m² and
4 Oct 2026 in English (never US dates), while identifiers in forms stay plain numbers."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from meetings.models import Registration
from tests.biodiva.factories import CompanyFactory, SiteFactory, UserFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def organiser_client(client):
    from django.contrib.auth.models import Group

    organiser = UserFactory(username="organiser")
    organiser.groups.add(Group.objects.get_or_create(name="organisers")[0])
    client.force_login(organiser)
    return client


def _render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load portal %}" + text).render(Context(context))


@pytest.mark.parametrize(("language", "expected"), [("nl", "4 okt. 2026"), ("en", "4 Oct 2026")])
def test_short_dates_have_lowercase_dutch_months_and_no_us_order(language, expected):
    assert (
        _render("{{ d|short_date }}", language, d=datetime(2026, 10, 4, 19, 30, tzinfo=BRUSSELS)) == expected
    )


def test_may_has_no_abbreviation_dot_in_dutch():
    assert _render("{{ d|short_date }}", "nl", d=datetime(2026, 5, 4, tzinfo=BRUSSELS)) == "4 mei 2026"


@pytest.mark.parametrize(("prefix", "expected"), [("", "24.000 m²"), ("/en", "24,000 m²")])
def test_areas_use_the_thousands_separator_of_the_language(client, prefix, expected):
    user = UserFactory()
    site = SiteFactory(company=CompanyFactory(members=[user]), surface_m2=24000)
    client.force_login(user)

    assert expected in client.get(f"{prefix}/biodiva/sites/{site.pk}/").content.decode()


def test_english_dates_are_day_first_not_us():
    with translation.override("en"):
        rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ d|date }}").render(
            Context({"d": datetime(2027, 3, 31)})
        )

    assert rendered == "31/03/2027 31 March 2027"


def test_the_staff_meeting_list_shows_dutch_months_in_lowercase(organiser_client):
    MeetingFactory(starts_at=datetime(2026, 10, 4, 19, 30, tzinfo=BRUSSELS))

    html = organiser_client.get(reverse("meetings:staff-meeting-list")).content.decode()

    assert "4 okt. 2026 19:30" in html and "Okt" not in html


def test_identifiers_in_forms_are_never_grouped(organiser_client):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, id=12345, status=Registration.Status.CONFIRMED)

    html = organiser_client.get(reverse("meetings:staff-registrations", args=[meeting.pk])).content.decode()

    assert f'value="{registration.pk}"' in html and "12.345" not in html
