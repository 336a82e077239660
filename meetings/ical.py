"""iCalendar (RFC 5545) documents for meetings: feeds and e-mail attachments.

Times are written in UTC (``...Z``), which every calendar program converts to local time, so no
VTIMEZONE block is needed. The UID is the meeting's UUID, stable across edits, and SEQUENCE grows
with each published change so calendars update the event instead of duplicating it.
"""

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vGeo, vText

from portal.links import site_url
from portal.text import multi_line, one_line

from .models import Meeting

PRODID = "-//Provincie Antwerpen//Landschapsbeelden biodiversiteit//NL"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.uid}@{urlsplit(settings.SITE_URL).hostname or 'portal'}"


def meeting_url(meeting: Meeting) -> str:
    return site_url(meeting.get_absolute_url())


def _location(meeting: Meeting, *, with_online_link: bool) -> str:
    parts = [p for p in (meeting.venue_name, meeting.venue_address) if p] if meeting.has_venue else []
    if meeting.has_online_link:
        parts.append(meeting.online_url if with_online_link and meeting.online_url else _("online"))
    return one_line(", ".join(parts))


def build_event(meeting: Meeting, *, with_online_link: bool = False, seat_status: str = "CONFIRMED") -> Event:
    """One VEVENT; the online link only goes into personal calendars of registered people.

    ``seat_status`` is what a personal calendar says about the person's own seat: TENTATIVE on the
    waiting list, CANCELLED once they cancelled. A cancelled meeting is CANCELLED for everyone.
    """
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", one_line(meeting.title))
    description = multi_line(meeting.description)
    if with_online_link and meeting.has_online_link and meeting.online_url:
        description += "\n\n" + _("Online link: %(url)s") % {"url": meeting.online_url}
    url = meeting_url(meeting)
    event.add("description", description + "\n\n" + url)
    location = _location(meeting, with_online_link=with_online_link)
    if location:
        event.add("location", vText(location))
    if meeting.latitude is not None and meeting.longitude is not None and meeting.has_venue:
        event.add("geo", vGeo((meeting.latitude, meeting.longitude)))
    event.add("url", url)
    event.add("sequence", meeting.sequence)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else seat_status)
    return event


def _empty_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def build_calendar(
    meetings: Iterable[Meeting], *, name: str, with_online_link: bool = False, seat_status: str = "CONFIRMED"
) -> bytes:
    calendar = _empty_calendar(name)
    for meeting in meetings:
        calendar.add_component(
            build_event(meeting, with_online_link=with_online_link, seat_status=seat_status)
        )
    return calendar.to_ical()


_END = b"END:VCALENDAR\r\n"


def _event_key(pk: int, updated_at: datetime | None, sequence: int) -> str:
    """The cache key of a public feed's event: it changes whenever what the event says may change
    (any save of the meeting moves ``updated_at``; the language, and the portal's address)."""
    changed = updated_at.timestamp() if updated_at else 0
    where = hashlib.blake2s(settings.SITE_URL.encode(), digest_size=6).hexdigest()
    return f"meetings:event:{pk}:{changed}:{sequence}:{get_language()}:{where}"


def build_feed(meetings: QuerySet[Meeting], *, name: str) -> bytes:
    """The public calendar of these meetings, the same bytes as ``build_calendar``; each meeting's
    event is kept in the cache and only rebuilt when the meeting changed, so a feed of thousands of
    meetings is assembled from cached events after one of them changes."""
    rows = list(meetings.values_list("pk", "updated_at", "sequence"))
    keys = [_event_key(*row) for row in rows]
    events: dict[str, bytes] = cache.get_many(keys)
    missing = {row[0]: key for row, key in zip(rows, keys, strict=True) if key not in events}
    if missing:
        built = {
            missing[meeting.pk]: build_event(meeting).to_ical()
            for meeting in Meeting.objects.filter(pk__in=list(missing))
        }
        cache.set_many(built, settings.MEETINGS_EVENT_CACHE_SECONDS)
        events.update(built)
    head = _empty_calendar(name).to_ical().removesuffix(_END)
    return b"".join([head, *(events[key] for key in keys), _END])
