"""One app server versus two, and a cancellation mail-out inline versus queued.

1. Starts gunicorn server A (production settings, 2 sync workers) on a throwaway PostgreSQL database
   (``scale_bench``, dropped afterwards) with Redis as shared cache, loads the region lookup and the
   meetings pages for a bounded time, then starts server B on another port (same database, cache and
   media folder) and loads both at once. Prints requests per second and the two-server / one-server
   ratio. On one machine both servers share its cores, so the ratio shows that a second server adds
   no contention of its own (shared cache and database); on two machines it would add their cores.
2. Cancels a meeting with 200 registrants: the time the request waits when the 200 e-mails are sent
   inline (as before: one SMTP conversation each with a local aiosmtpd sink) and when the mail-out is
   queued (one task on the Redis broker), then how long one Celery worker takes to deliver them all.

    .venv/bin/python bench/scale_servers.py [--seconds 15] [--concurrency 8]
        [--database-url postgres://postgres@127.0.0.1:5432/scale_bench]
        [--redis-url redis://127.0.0.1:6379/4] [--broker-url redis://127.0.0.1:6379/5]

Ports: free ones (within ``TEST_PORT_RANGE`` when set, e.g. 8400-8499).
"""

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from landscapes_http import load  # noqa: E402

from tests.ports import free_port  # noqa: E402

VENV_BIN = Path(sys.executable).parent
RANDOM_POINTS = 400
REGISTRANTS = 200


def psql(database_url: str, sql: str) -> None:
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-q", "-c", sql], check=True, capture_output=True)


def wait_for(port: int, timeout: float = 60) -> None:
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not start")


def paths() -> dict[str, list[str]]:
    import random

    rng = random.Random(7)
    lookups = [
        f"/api/v1/regions/lookup/?lat={rng.uniform(50.99, 51.50):.5f}&lon={rng.uniform(4.17, 5.26):.5f}"
        for _ in range(RANDOM_POINTS)
    ]
    return {
        "region lookup (API)": lookups * 200,
        "meetings list page": ["/meetings/", "/en/meetings/", "/meetings/?when=past"] * 20_000,
    }


def load_many(
    ports: list[int], requests: list[str], concurrency: int, seconds: float
) -> tuple[float, int, dict]:
    """Load several servers at once, the clients split evenly; returns (req/s, requests, statuses)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(ports)) as pool:
        results = list(
            pool.map(lambda port: load(port, requests, max(2, concurrency // len(ports)), seconds), ports)
        )
    elapsed = max(r[0] for r in results)
    count = sum(len(r[1]) for r in results)
    statuses: dict[int, int] = {}
    for _, _, codes in results:
        for code, n in codes.items():
            statuses[code] = statuses.get(code, 0) + n
    return count / elapsed, count, statuses


def bench_servers(env: dict, args) -> None:
    servers = []
    ports = [free_port(), free_port()]
    try:
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [
                        str(VENV_BIN / "gunicorn"),
                        "-w",
                        "2",
                        "-b",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                        "portal.wsgi",
                    ],
                    env=env,
                    cwd=ROOT,
                )
            )
        for port in ports:
            wait_for(port)
        print(
            f"\n1. gunicorn, 2 sync workers per server, {args.concurrency} concurrent clients, "
            f"{args.seconds:.0f} s each"
        )
        for label, requests in paths().items():
            for port in ports:
                load(port, requests[:300], 4, 10)  # warm up: index, connections, templates
            one, n1, s1 = load_many(ports[:1], requests, args.concurrency, args.seconds)
            two, n2, s2 = load_many(ports, requests, args.concurrency, args.seconds)
            print(f"   {label:<22} one server {one:8,.0f} req/s ({n1:,}, {s1})")
            print(f"   {'':<22} two servers {two:7,.0f} req/s ({n2:,}, {s2})   ratio two/one {two / one:.2f}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)


class Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def bench_mailout(env: dict, smtp_port: int) -> None:
    """In this process, against the same database and broker, with the real SMTP backend."""
    os.environ.update(env)
    import django

    django.setup()
    from django.utils import timezone

    from meetings import emails, services
    from meetings.models import Meeting, Registration, StakeholderGroup

    def meeting_with_people() -> Meeting:
        meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).first()
        meeting.pk = None
        meeting.uid = uuid.uuid4()
        meeting.save()
        group = StakeholderGroup.objects.first()
        Registration.objects.bulk_create(
            Registration(
                meeting=meeting,
                name=f"Persoon {n}",
                email=f"persoon{n}@example.org",
                stakeholder_group=group,
                consent_at=timezone.now(),
                status=Registration.Status.CONFIRMED,
                token=secrets.token_urlsafe(24),
            )
            for n in range(REGISTRANTS)
        )
        return meeting

    print(f"\n2. cancelling a meeting with {REGISTRANTS} registrants (SMTP: aiosmtpd on 127.0.0.1)")
    meeting = meeting_with_people()
    ids = list(meeting.registrations.values_list("pk", flat=True))
    t0 = time.perf_counter()
    for registration_id in ids:  # what the request did before: every mail inline
        emails.deliver_to(registration_id=registration_id, kind="meeting_cancelled")
    inline = time.perf_counter() - t0
    print(f"   inline (before): the request waits {inline * 1000:8,.0f} ms")

    # A running server has its broker connection open already: warm it up with an empty meeting.
    empty = meeting_with_people()
    empty.registrations.all().delete()
    services.cancel_meeting(meeting=empty)
    meeting = meeting_with_people()
    sink = SINK
    before = sink.count
    t0 = time.perf_counter()
    told = services.cancel_meeting(meeting=meeting)
    queued = time.perf_counter() - t0
    print(
        f"   queued (after):  the request waits {queued * 1000:8,.0f} ms   "
        f"ratio {inline / queued:,.0f}x shorter"
    )
    worker = subprocess.Popen(
        [str(VENV_BIN / "celery"), "-A", "portal", "worker", "-c", "2", "--loglevel", "WARNING"],
        env=env,
        cwd=ROOT,
    )
    try:
        t0 = time.perf_counter()
        while sink.count - before < told and time.perf_counter() - t0 < 300:
            time.sleep(0.1)
        print(
            f"   one worker (2 processes) delivered {sink.count - before} of {told} in "
            f"{time.perf_counter() - t0:.1f} s after it started"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)


SINK = Sink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/scale_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--mailout-only", action="store_true", help="skip the one/two server part")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    smtp_port = free_port()
    controller = Controller(SINK, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    work = Path(tempfile.mkdtemp(prefix="portal-scale-bench-"))
    name = args.database_url.rsplit("/", 1)[1]
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "CELERY_BROKER_URL": args.broker_url,
        "CACHE_KEY_PREFIX": f"scale-bench-{time.time_ns()}",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "STATIC_COMPRESS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "ERROR",
        "MEETINGS_API_REGISTRATION_RATE": "100000/hour",
    }
    psql(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
    psql(args.database_url, f'CREATE DATABASE "{name}"')
    try:
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from landscapes.demo import load_geography; load_geography()\n"
                "from meetings.demo import load; load()",
            ],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        subprocess.run(
            [str(VENV_BIN / "celery"), "-A", "portal", "purge", "-f"], env=env, cwd=ROOT, capture_output=True
        )
        if not args.mailout_only:
            bench_servers(env, args)
        bench_mailout(env, smtp_port)
    finally:
        controller.stop()
        from django.db import connections

        connections.close_all()
        psql(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
