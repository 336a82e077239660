"""E-mails to the people who registered, in the language they registered in.

They are built and sent by background tasks (``meetings/tasks.py``) from the registration as it is
then: someone who deleted their registration in the meantime gets nothing, and the attached event
shows the meeting as it is when the mail leaves.
"""

from datetime import datetime
from typing import Any

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.links import site_url
from portal.mail import deliver
from portal.text import one_line

from .ical import build_calendar
from .models import Meeting, Registration
from .selectors import waiting_position

SUBJECTS = {
    "confirmed": lambda m: _("Registration confirmed: %(title)s") % {"title": m.title},
    "waiting": lambda m: _("You are on the waiting list: %(title)s") % {"title": m.title},
    "promoted": lambda m: _("A seat became free, you are registered: %(title)s") % {"title": m.title},
    "meeting_cancelled": lambda m: _("Cancelled: %(title)s") % {"title": m.title},
    "reminder": lambda m: _("Reminder: %(title)s") % {"title": m.title},
}
WITH_CALENDAR = {"confirmed", "promoted", "meeting_cancelled", "reminder"}


def build_message(*, registration: Registration, kind: str) -> EmailMessage:
    meeting = registration.meeting
    with translation.override(registration.language):
        context: dict[str, Any] = {
            "registration": registration,
            "meeting": meeting,
            "personal_url": site_url(registration.get_absolute_url()),
            "meeting_url": site_url(meeting.get_absolute_url()),
            "show_online_link": registration.status == Registration.Status.CONFIRMED
            and meeting.has_online_link,
            "waiting_position": waiting_position(registration=registration),
        }
        message = EmailMessage(
            subject=one_line(SUBJECTS[kind](meeting)),
            body=render_to_string(f"meetings/email/{kind}.txt", context),
            to=[registration.email],
        )
        if kind in WITH_CALENDAR:
            message.attach(
                "meeting.ics",
                build_calendar([meeting], name=meeting.title, with_online_link=context["show_online_link"]),
                # Django adds charset="utf-8" itself: naming it here too wrote it twice.
                "text/calendar; method=PUBLISH",
            )
    return message


def deliver_to(*, registration_id: int, kind: str) -> bool:
    """Send one e-mail now; False when there is nobody to send it to any more. Mail server errors
    (``OSError``) are raised, for the task to try again."""
    registration = (
        Registration.objects.select_related("meeting")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    deliver(build_message(registration=registration, kind=kind))
    return True


def deliver_reminder(*, registration_id: int, now: datetime | None = None) -> bool:
    """Send one reminder and mark it sent in the same transaction: a failed send leaves it unmarked
    (so it is tried again), and a reminder already marked is never sent again."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .filter(
                pk=registration_id,
                reminded_at__isnull=True,
                anonymised_at__isnull=True,
                status=Registration.Status.CONFIRMED,
                meeting__status=Meeting.Status.PUBLISHED,
                meeting__starts_at__gt=now,
            )
            .first()
        )
        if registration is None:
            return False
        deliver(build_message(registration=registration, kind="reminder"))
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at", "updated_at"])
    return True
