"""What Celery beat runs on its schedule (it replaces cron)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_schedule_sends_due_reminders_and_anonymises_old_registrations(settings):
    from portal.celery import app

    app.loader.import_default_modules()
    soon = RegistrationFactory(meeting=MeetingFactory(starts_at=timezone.now() + timedelta(hours=3)))
    old = RegistrationFactory(
        meeting=MeetingFactory(starts_at=timezone.now() - timedelta(days=500), status=Meeting.Status.HELD)
    )

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        app.tasks[entry["task"]].apply().get()

    soon.refresh_from_db()
    old.refresh_from_db()
    assert soon.reminded_at is not None and [m.to for m in mail.outbox] == [[soon.email]]
    assert old.anonymised_at is not None and old.email == ""
