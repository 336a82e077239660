"""E-mails to the people who registered, in the language they registered in."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .ical import build_calendar
from .models import Registration
from .selectors import waiting_position

logger = logging.getLogger(__name__)

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
        context = {
            "registration": registration,
            "meeting": meeting,
            "personal_url": settings.SITE_URL + registration.get_absolute_url(),
            "meeting_url": settings.SITE_URL + meeting.get_absolute_url(),
            "show_online_link": registration.status == Registration.Status.CONFIRMED
            and meeting.has_online_link,
            "waiting_position": waiting_position(registration=registration),
        }
        message = EmailMessage(
            subject=SUBJECTS[kind](meeting),
            body=render_to_string(f"meetings/email/{kind}.txt", context),
            to=[registration.email],
        )
        if kind in WITH_CALENDAR:
            message.attach(
                "meeting.ics",
                build_calendar([meeting], name=meeting.title, with_online_link=context["show_online_link"]),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message


def send(*, registration: Registration, kind: str) -> bool:
    """Send one e-mail; a mail server failure is logged, it never undoes the registration."""
    try:
        build_message(registration=registration, kind=kind).send()
    except OSError:
        logger.exception("Could not send the %s e-mail for registration %s", kind, registration.pk)
        return False
    return True
