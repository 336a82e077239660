"""Two app servers, one worker, one database, cache and media folder: what users of either server see.

Run by .ci/run with ``pytest --multiserver tests/integration`` on PostgreSQL and Redis (``REDIS_URL``
for the cache, ``TEST_BROKER_URL`` for the broker; Redis databases 4 and 5 by default).
"""

import json
import shutil
import tempfile
import time
from email.message import Message
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box, mapping, shape

from tests.integration.cluster import Client, Cluster, SmtpSink, database_url, form_fields, login
from tests.ports import free_port

# django_db: so that pytest-django creates the test database, which the servers then share.
pytestmark = [pytest.mark.multiserver, pytest.mark.django_db]

BOOM = (4.3665, 51.0875)
ADMIN = ("cluster-admin", "cluster-admin-password-2026")


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.auth.models import User
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail(
            "The multi-server tests need DATABASE_URL on PostgreSQL (the servers share the database)."
        )
    work = Path(tempfile.mkdtemp(prefix="portal-cluster-"))
    (work / "logs").mkdir()
    sink = SmtpSink(free_port())
    sink.start()
    with django_db_blocker.unblock():
        from tests.landscapes.factories import load_real_regions
        from tests.meetings.factories import MeetingFactory, stakeholder_group

        regions = load_real_regions()
        stakeholder_group("farmer")
        meeting = MeetingFactory(
            title_nl="Hagen in Boom", capacity=50, regions=[regions["rupel-zenne-dijle"]]
        )
        # Hashed as production hashes (the test settings' fast hasher is unknown there).
        hasher = PBKDF2PasswordHasher()
        User.objects.create(
            username=ADMIN[0],
            is_staff=True,
            is_superuser=True,
            password=hasher.encode(ADMIN[1], hasher.salt(), iterations=10_000),
        )
        running = Cluster(
            database=database_url(connection.settings_dict),
            media_root=work / "media",
            static_root=work / "static",
            smtp_port=sink.port,
            log_dir=work / "logs",
        )
        running.sink, running.meeting, running.regions = sink, meeting, regions
        try:
            running.start()
            yield running
        finally:
            running.stop()
            sink.stop()
            print(running.logs())
            from django.core.management import call_command

            call_command("flush", "--noinput")
            shutil.rmtree(work, ignore_errors=True)


def a(cluster, source="127.0.0.1") -> Client:
    return Client(cluster.ports[0], source)


def b(cluster, source="127.0.0.1") -> Client:
    return Client(cluster.ports[1], source)


def registration(email: str) -> dict:
    return {"name": "An Peeters", "email": email, "stakeholder_group": "farmer", "consent": True}


def calendar_part(message: Message) -> bytes | None:
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_payload(decode=True)
    return None


def test_both_servers_report_database_cache_and_broker(cluster):
    for client in (a(cluster), b(cluster)):
        assert client.get("/readyz").json() == {
            "status": "ok",
            "database": "ok",
            "cache": "ok",
            "broker": "ok",
        }


def test_the_registration_budget_is_spent_across_both_servers(cluster):
    url = f"/api/v1/meetings/{cluster.meeting.pk}/register/"
    # One client address (not used by the other tests) with a budget of 4 an hour.
    answers = [
        (a if n % 2 == 0 else b)(cluster, "127.0.0.9")
        .post_json(url, registration(f"budget{n}@example.org"))
        .status
        for n in range(4)
    ]
    refused = [
        server(cluster, "127.0.0.9").post_json(url, registration("late@example.org")).status
        for server in (a, b)
    ]

    assert answers == [201, 201, 201, 201]
    assert refused == [429, 429]


def test_a_boundary_saved_through_a_changes_the_next_lookup_on_b(cluster):
    lookup = f"/api/v1/regions/lookup/?lon={BOOM[0]}&lat={BOOM[1]}"
    assert b(cluster).get(lookup).json()["slug"] == "rupel-zenne-dijle"  # B has built its index
    region = cluster.regions["rupel-zenne-dijle"]
    # Cut a small square around Boom out of the region.
    cut = shape(region.boundary).difference(
        box(BOOM[0] - 0.01, BOOM[1] - 0.01, BOOM[0] + 0.01, BOOM[1] + 0.01)
    )
    assert not shapely.intersects_xy(cut, *BOOM)

    admin = a(cluster)
    login(admin, *ADMIN)
    change = f"/admin/landscapes/region/{region.pk}/change/"
    fields = form_fields(admin.get(change).text, "region_form")
    fields = [[name, json.dumps(mapping(cut)) if name == "boundary" else value] for name, value in fields]
    saved = admin.post_form(change, [*map(tuple, fields), ("_save", "Save")])
    assert saved.status == 302, saved.text[-3000:]

    # The documented window: B's first lookup after A answered already uses the new boundary.
    assert b(cluster).get(lookup).status == 404


def test_a_registration_on_a_is_confirmed_by_mail_through_the_worker_with_the_event(cluster):
    answer = a(cluster, "127.0.0.2").post_json(
        f"/api/v1/meetings/{cluster.meeting.pk}/register/", registration("confirm@example.org")
    )
    assert answer.status == 201

    message = cluster.sink.wait_for(lambda m: m["To"] == "confirm@example.org", timeout=30)

    assert "Hagen in Boom" in message["Subject"]
    event = calendar_part(message)
    assert event is not None and b"BEGIN:VEVENT" in event and b"Hagen in Boom" in event


def test_an_smtp_server_that_is_down_at_first_still_gets_the_mail_after_a_retry(cluster):
    cluster.sink.stop()
    try:
        answer = b(cluster, "127.0.0.3").post_json(
            f"/api/v1/meetings/{cluster.meeting.pk}/register/", registration("retry@example.org")
        )
        assert answer.status == 201  # the registration is saved, whatever the mail server does
        deadline = time.monotonic() + 30
        while "trying again" not in (cluster.log_dir / "worker.log").read_text(errors="replace"):
            assert time.monotonic() < deadline, "the worker never tried"
            time.sleep(0.2)
    finally:
        cluster.sink.start()

    try:
        message = cluster.sink.wait_for(lambda m: m["To"] == "retry@example.org", timeout=60)
    except AssertionError as missing:  # say what the worker did, for whoever reads the failure
        raise AssertionError(f"{missing}\n{cluster.logs()}") from None
    assert calendar_part(message) is not None


def test_a_brochure_rendered_through_a_is_served_from_storage_by_b(cluster):
    path = "/regions/turnhoutse-kempen/brochure.pdf"
    generated = Path(cluster.env["MEDIA_ROOT"]) / "brochures" / "generated"

    first = a(cluster).get(path)
    assert first.status == 200 and first.body.startswith(b"%PDF-")
    (stored,) = generated.glob("turnhoutse-kempen-nl-*.pdf")
    rendered_at = stored.stat().st_mtime_ns

    second = b(cluster).get(path)

    assert second.status == 200 and second.body == first.body
    assert [p.name for p in generated.glob("turnhoutse-kempen-nl-*.pdf")] == [stored.name]
    assert stored.stat().st_mtime_ns == rendered_at  # not rendered again
