"""How long the all-meetings iCalendar feed takes to build with 5,000 meetings.

Runs against a throwaway SQLite file (or the database in MEETINGS_BENCH_DATABASE_URL) and prints
the figures: the database query, building the calendar and the whole view, best of a few runs.
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
DB_FILE = Path(tempfile.gettempdir()) / "meetings_bench.sqlite3"
os.environ["DATABASE_URL"] = os.environ.get("MEETINGS_BENCH_DATABASE_URL", f"sqlite:///{DB_FILE}")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from icalendar import Calendar  # noqa: E402

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
    if DB_FILE.exists() and "MEETINGS_BENCH_DATABASE_URL" not in os.environ:
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
    with translation.override("nl"):
        query_s, meetings = best(lambda: list(queryset.all()))
        build_s, content = best(lambda: build_calendar(meetings, name="Overleggen"))
        cache.clear()
        start = time.perf_counter()
        response = views.calendar_all(request)
        cold_s = time.perf_counter() - start
        warm_s, _ = best(lambda: views.calendar_all(request))
    events = len(Calendar.from_ical(response.content).walk("VEVENT"))
    print(f"meetings in the feed:        {events}")
    print(f"feed size:                   {len(response.content) / 1024:.0f} KiB")
    print(f"database query (5,000 rows): {query_s * 1000:.0f} ms")
    print(f"building the iCalendar:      {build_s * 1000:.0f} ms ({build_s / events * 1e6:.0f} µs per event)")
    print(f"whole view, cold cache:      {cold_s * 1000:.0f} ms")
    print(f"whole view, feed cached:     {warm_s * 1000:.1f} ms (best of {RUNS})")


if __name__ == "__main__":
    main()
