from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def run(name, *args):
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_send_meeting_reminders_uses_the_configured_hours_and_never_repeats(settings):
    settings.MEETINGS_REMINDER_HOURS = 48
    registration = RegistrationFactory(meeting=MeetingFactory(starts_at=timezone.now() + timedelta(hours=30)))

    assert "Reminders queued: 1" in run("send_meeting_reminders")
    assert "Reminders queued: 0" in run("send_meeting_reminders")
    assert [m.to for m in mail.outbox] == [[registration.email]]
    event_file = mail.outbox[0].attachments[0]
    assert event_file[0].endswith(".ics")


def test_send_meeting_reminders_hours_option_narrows_the_window():
    RegistrationFactory(meeting=MeetingFactory(starts_at=timezone.now() + timedelta(hours=30)))

    assert "Reminders queued: 0" in run("send_meeting_reminders", "--hours", "24")


def test_cancelled_meetings_get_no_reminder():
    RegistrationFactory(
        meeting=MeetingFactory(starts_at=timezone.now() + timedelta(hours=3), status=Meeting.Status.CANCELLED)
    )

    assert "Reminders queued: 0" in run("send_meeting_reminders")


def test_anonymise_registrations_command_uses_months_and_keeps_counts():
    old = MeetingFactory(starts_at=timezone.now() - timedelta(days=200), status=Meeting.Status.HELD)
    RegistrationFactory.create_batch(3, meeting=old)

    assert "anonymised: 0" in run("anonymise_registrations", "--months", "12")
    assert "anonymised: 3" in run("anonymise_registrations", "--months", "6")
    assert old.registrations.count() == 3
    assert set(old.registrations.values_list("email", flat=True)) == {""}
