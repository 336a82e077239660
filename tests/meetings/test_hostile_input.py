"""Hostile input to meetings: titles with line breaks (headers, calendars, e-mail subjects), e-mail
addresses longer than the column, impossible dates and offsets. Each answers 4xx or a form error
naming the field, or is cleaned where the text goes into a header, and nothing is half-saved."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Meeting, Registration
from tests.meetings.factories import MeetingFactory, stakeholder_group
from tests.meetings.test_views import meeting_form_data

pytestmark = pytest.mark.django_db

BROKEN_TITLE = "Overleg\r\nBcc: iedereen@example.org\nX-Injected: ja"
LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".be"  # 311 characters: valid, over 254


@pytest.fixture
def broken_meeting():
    return MeetingFactory(title_nl=BROKEN_TITLE, title_en=BROKEN_TITLE)


@pytest.mark.parametrize("name", ["meetings:calendar-meeting", "meetings:calendar-all"])
def test_a_title_with_line_breaks_keeps_its_calendar_whole(client, broken_meeting, name):
    url = reverse(name, args=[broken_meeting.pk]) if name.endswith("meeting") else reverse(name)
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    summary = str(event["SUMMARY"])
    assert "\n" not in summary and "\r" not in summary
    assert summary.startswith("Overleg") and "X-Injected" in summary
    assert not any(
        line.upper().startswith(("X-INJECTED", "BCC")) for line in response.content.decode().splitlines()
    )


def test_registering_for_a_meeting_with_a_broken_title_sends_a_one_line_subject(
    client, broken_meeting, django_capture_on_commit_callbacks
):
    stakeholder_group("resident")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:meeting-detail", args=[broken_meeting.pk]),
            {
                "name": "Jan",
                "email": "jan@example.org",
                "stakeholder_group": stakeholder_group().pk,
                "consent": "on",
            },
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Bcc" in message.subject  # the text stays, on one line
    assert "iedereen@example.org" not in message.bcc


def test_an_e_mail_address_longer_than_the_column_is_a_form_error(client):
    meeting = MeetingFactory()
    response = client.post(
        reverse("meetings:meeting-detail", args=[meeting.pk]),
        {"name": "Jan", "email": LONG_EMAIL, "stakeholder_group": stakeholder_group().pk, "consent": "on"},
    )
    assert response.status_code == 400
    assert "id_email_error" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_e_mail_address_longer_than_the_column_answers_400_in_the_api(client):
    meeting = MeetingFactory()
    stakeholder_group("resident")
    response = client.post(
        reverse("meeting-register", args=[meeting.pk]),
        {"name": "Jan", "email": LONG_EMAIL, "stakeholder_group": "resident", "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["email"]
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("starts_after", "2026-01-01T00:00:00+15:00"),
        ("starts_before", "2026-01-01T00:00:00-23:59"),
        ("starts_after", "9999-12-31T23:59:59"),
        ("updated_after", "0001-01-01T00:00:00+14:30"),
    ],
)
def test_api_moments_out_of_range_answer_400_naming_the_parameter(client, parameter, value):
    MeetingFactory()
    name = "meeting-outcome-list" if parameter == "updated_after" else "meeting-list"
    response = client.get(reverse(name), {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [("starts_at", "9999-12-31T23:30"), ("registration_deadline", "2026-01-01T10:00+15:00")],
)
def test_the_meeting_form_refuses_moments_out_of_range(organiser_client, regions, field, value):
    response = organiser_client.post(
        reverse("meetings:staff-meeting-create"), meeting_form_data(**{field: value})
    )
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    assert not Meeting.objects.filter(title_nl="Nieuw overleg").exists()


def test_the_outcome_form_refuses_a_date_out_of_range(organiser_client):
    meeting = MeetingFactory()
    response = organiser_client.post(
        reverse("meetings:staff-outcome-create", args=[meeting.pk]),
        {"title_nl": "Plan", "description_nl": "Haag", "status": "planned", "end_date": "9999-12-31"},
    )
    assert response.status_code in (200, 400)
    assert "end_date" in response.context["form"].errors


def test_opening_the_cancel_link_does_not_cancel(client):
    """Mail scanners and link previews open links: only the confirmed POST cancels."""
    from tests.meetings.factories import RegistrationFactory

    registration = RegistrationFactory()
    for _ in range(3):
        assert client.get(f"/meetings/registration/{registration.token}/cancel/").status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_report_published_for_a_meeting_still_to_come_is_refused(client):
    from tests.meetings.factories import UserFactory

    client.force_login(UserFactory(organiser=True))
    meeting = MeetingFactory()
    response = client.post(
        reverse("meetings:staff-report", args=[meeting.pk]),
        {"minutes": "Verslag", "attendee_count": "40", "report_published": "on"},
    )
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert not meeting.report_published and meeting.attendee_count is None


def test_a_new_x_forwarded_for_per_registration_does_not_escape_the_limit(client, settings):
    settings.MEETINGS_API_REGISTRATION_RATE = "2/hour"
    meeting = MeetingFactory()
    stakeholder_group("resident")
    data = {"name": "An", "stakeholder_group": "resident", "consent": True}
    answers = [
        client.post(
            f"/api/v1/meetings/{meeting.pk}/register/",
            data | {"email": f"p{n}@example.org"},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(3)
    ]
    assert answers == [201, 201, 429]


LINE_BREAKS = ["An\r\nBcc: x@example.org", "An\nPeeters", "An\u2028Peeters"]


@pytest.mark.parametrize("field", ["name", "organisation", "dietary_needs"])
@pytest.mark.parametrize("value", LINE_BREAKS)
def test_a_line_break_in_a_single_line_registration_field_is_a_field_error(client, field, value):
    from tests.meetings.test_views import registration_data

    meeting = MeetingFactory()
    response = client.post(meeting.get_absolute_url(), registration_data(**{field: value}))
    assert response.status_code in (200, 400)
    assert response.context["form"].errors[field][0].startswith("Vul dit in op één regel")
    api = client.post(
        f"/api/v1/meetings/{meeting.pk}/register/",
        {"name": "An", "email": "an@example.org", "stakeholder_group": "farmer", "consent": True}
        | {field: value},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.status_code == 400
    assert api.json()[field] == ["Enter this on one line, without line breaks."]
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.parametrize("field", ["title_nl", "venue_address"])
def test_a_line_break_in_a_meeting_title_or_address_is_a_field_error(organiser_client, regions, field):
    """The address goes on one line into e-mails ("Where: venue, address") and calendars."""
    response = organiser_client.post(
        reverse("meetings:staff-meeting-create"),
        meeting_form_data(**{"title_nl": "Overleg"} | {field: "Overleg\r\nBcc: x@example.org"}),
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors[field] == ["Vul dit in op één regel, zonder regeleinden."]
    assert not Meeting.objects.filter(title_nl__startswith="Overleg").exists()
