"""A report and attendance only once the meeting took place, check-in only once it (nearly) starts,
and cancelling from the personal link only after confirming."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, MeetingDocument, Registration
from tests.advice.factories import pdf
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

REPORT = {"minutes": "<p>Geheime notulen</p>", "attendee_count": "12", "organisations_present": "Natuurpunt"}


def _report(organiser_client, meeting, **changes):
    data = REPORT | {"report_published": "on"} | changes
    return organiser_client.post(reverse("meetings:staff-report", args=[meeting.pk]), data)


def test_a_report_cannot_be_published_before_the_meeting_ended(organiser_client):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(hours=1))  # still going on
    response = _report(organiser_client, meeting)
    assert response.status_code == 400
    assert "report_published" in response.context["form"].errors
    meeting.refresh_from_db()
    assert not meeting.report_published
    assert "Geheime notulen" not in Client().get(meeting.get_absolute_url()).content.decode()


def test_a_report_is_published_once_the_meeting_ended(organiser_client):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=1))
    assert _report(organiser_client, meeting).status_code == 302
    page = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Geheime notulen" in page and "12" in page


def test_a_report_marked_published_too_early_stays_hidden_until_the_end():
    """Whatever stored it (older data, the shell), the public sees no minutes, attendance or
    documents of a meeting that has not taken place."""
    meeting = MeetingFactory(report_published=True, minutes="<p>Geheime notulen</p>", attendee_count=12)
    document = MeetingDocument.objects.create(meeting=meeting, title="Verslag", file=pdf())
    anonymous = Client()
    page = anonymous.get(meeting.get_absolute_url()).content.decode()
    assert "Geheime notulen" not in page and "Verslag" not in page
    assert anonymous.get(document.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "report_published" in error.value.message_dict


def test_check_in_does_not_open_long_before_the_start(organiser_client, settings):
    settings.MEETINGS_CHECKIN_OPENS_MINUTES = 60
    meeting = MeetingFactory(starts_at=timezone.now() + timedelta(days=2))
    person = RegistrationFactory(meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.set_attendance(meeting=meeting, attended_ids={person.pk})
    assert "attended" in error.value.message_dict
    organiser_client.post(
        reverse("meetings:staff-registrations", args=[meeting.pk]), {"attended": [person.pk]}
    )
    api = organiser_client.patch(
        f"/api/v1/meeting-registrations/{person.pk}/", {"attended": True}, content_type="application/json"
    )
    assert api.status_code == 400 and "attended" in api.json()
    person.refresh_from_db()
    assert not person.attended
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + timedelta(minutes=30), ends_at=timezone.now() + timedelta(hours=2)
    )
    meeting.refresh_from_db()
    services.set_attendance(meeting=meeting, attended_ids={person.pk})  # the welcome desk is open
    person.refresh_from_db()
    assert person.attended


@pytest.mark.parametrize(("prefix", "question"), [("", "Je inschrijving annuleren?"), ("/en", "Cancel your")])
def test_cancelling_from_the_personal_link_asks_first(client, prefix, question):
    registration = RegistrationFactory()
    detail_url = f"/meetings/registration/{registration.token}/"
    cancel_url = f"{detail_url}cancel/"
    page = client.get(prefix + detail_url).content.decode()
    assert f'href="{prefix}{cancel_url}"' in page  # a link to the question, not a one-click form
    confirm = client.get(prefix + cancel_url)
    html = confirm.content.decode()
    assert confirm.status_code == 200 and question in html
    assert '<form method="post"' in html and 'type="submit"' in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    # the old one-click form posts without confirming: it only gets the question
    one_click = client.post(prefix + detail_url, {"action": "cancel"})
    assert one_click.status_code == 200 and question in one_click.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    done = client.post(prefix + cancel_url, {"confirm": "yes"})
    assert done.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_by_default_check_in_opens_at_the_start(english):
    meeting = MeetingFactory(starts_at=timezone.now() + timedelta(minutes=10))
    person = RegistrationFactory(meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.set_attendance(meeting=meeting, attended_ids={person.pk})
    assert error.value.message_dict["attended"] == ["Check-in opens when the meeting starts."]
    services.set_attendance(meeting=meeting, attended_ids=set())  # recording nobody is fine
