"""How long the all-meetings iCalendar feed takes to build with 5,000 meetings.

Runs against a throwaway SQLite file (or the database of ``--database-url``, DATABASE_URL or
MEETINGS_BENCH_DATABASE_URL: its meetings are replaced) and prints the figures: the database query,
building the calendar in one go, the whole view with an empty cache, after one meeting changed
(the feed is rebuilt from the cached events) and with the feed cached. The anchor, measured in the
same run, is the icalendar library's own minimal output for the same number of events.

    .venv/bin/python bench/meetings_ical_feed.py [--database-url URL]
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
DB_FILE = Path(tempfile.gettempdir()) / "meetings_bench.sqlite3"
_parser = argparse.ArgumentParser()
_parser.add_argument("--database-url")
ARGS = _parser.parse_args()
DATABASE_URL = (
    ARGS.database_url or os.environ.get("DATABASE_URL") or os.environ.get("MEETINGS_BENCH_DATABASE_URL")
)
os.environ["DATABASE_URL"] = DATABASE_URL or f"sqlite:///{DB_FILE}"
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from icalendar import Calendar, Event  # noqa: E402

from meetings import views  # noqa: E402
from meetings.ical import build_calendar  # noqa: E402
from meetings.models import Meeting  # noqa: E402

COUNT = 5_000
RUNS = 3


def best(fn) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def main() -> None:
    if DB_FILE.exists() and not DATABASE_URL:
        DB_FILE.unlink()
    call_command("migrate", verbosity=0)
    Meeting.objects.all().delete()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    statuses = [Meeting.Status.PUBLISHED] * 8 + [Meeting.Status.HELD, Meeting.Status.CANCELLED]
    Meeting.objects.bulk_create(
        Meeting(
            title_nl=f"Overleg {n}",
            title_en=f"Meeting {n}",
            description_nl="We bespreken het landschapsbeeld van de regio met de lokale partners. " * 3,
            starts_at=now + timedelta(days=n - COUNT // 2),
            ends_at=now + timedelta(days=n - COUNT // 2, hours=2),
            registration_deadline=now + timedelta(days=n - COUNT // 2 - 2),
            venue_name="Gemeentehuis",
            venue_address="Markt 1, 2850 Boom",
            latitude=51.0875,
            longitude=4.3665,
            capacity=40,
            status=statuses[n % len(statuses)],
        )
        for n in range(COUNT)
    )
    queryset = Meeting.objects.exclude(status=Meeting.Status.DRAFT).order_by("starts_at")
    request = RequestFactory().get("/meetings/calendar.ics")

    def minimal(rows: list[Meeting]) -> bytes:
        calendar = Calendar()
        calendar.add("prodid", "-//bench//")
        calendar.add("version", "2.0")
        for meeting in rows:
            event = Event()
            event.add("uid", str(meeting.uid))
            event.add("dtstamp", meeting.updated_at)
            event.add("dtstart", meeting.starts_at)
            event.add("summary", meeting.title_nl)
            calendar.add_component(event)
        return calendar.to_ical()

    with translation.override("nl"):
        query_s, meetings = best(lambda: list(queryset.all()))
        anchor_s, _ = best(lambda: minimal(meetings))
        build_s, content = best(lambda: build_calendar(meetings, name="Overleggen"))
        cache.clear()
        start = time.perf_counter()
        response = views.calendar_all(request)
        empty_s = time.perf_counter() - start
        changed_timings = []
        for n in range(RUNS):
            meeting = meetings[n * 7]
            meeting.title_nl = f"Verplaatst overleg {n}"
            meeting.save()
            start = time.perf_counter()
            response = views.calendar_all(request)
            changed_timings.append(time.perf_counter() - start)
        cold_s = min(changed_timings)
        warm_s, _ = best(lambda: views.calendar_all(request))
    events = len(Calendar.from_ical(response.content).walk("VEVENT"))
    assert b"Verplaatst overleg 2" in response.content
    print(f"meetings in the feed:        {events}")
    print(f"feed size:                   {len(response.content) / 1024:.0f} KiB")
    print(f"database query (5,000 rows): {query_s * 1000:.0f} ms")
    print(f"anchor: icalendar minimal:   {anchor_s * 1000:.0f} ms (uid, dtstamp, dtstart, summary)")
    print(f"building the iCalendar:      {build_s * 1000:.0f} ms ({build_s / events * 1e6:.0f} µs per event)")
    print(f"whole view, empty cache:     {empty_s * 1000:.0f} ms (every event built)")
    print(f"whole view, cold feed:       {cold_s * 1000:.0f} ms (one meeting changed, best of {RUNS})")
    print(f"whole view, feed cached:     {warm_s * 1000:.1f} ms (best of {RUNS})")
    print(
        f"FIGURE all-meetings feed cold (one meeting changed): {cold_s * 1000:.0f} ms; anchor icalendar "
        f"minimal output {anchor_s * 1000:.0f} ms; ratio {anchor_s / cold_s:.2f}x the anchor's speed "
        f"(goal < 300 ms); with an empty cache {empty_s * 1000:.0f} ms = {anchor_s / empty_s:.2f}x"
    )


if __name__ == "__main__":
    main()
