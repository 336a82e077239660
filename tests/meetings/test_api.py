from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from meetings.models import Meeting, Registration
from tests.landscapes.factories import RegionFactory
from tests.meetings.factories import MeetingFactory, OutcomeFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_meetings_list_shows_public_meetings_without_attendee_data(api):
    meeting = MeetingFactory(
        format=Meeting.Format.HYBRID, online_url="https://meet.example.org/room", capacity=3
    )
    RegistrationFactory(meeting=meeting, email="jan@example.org")
    MeetingFactory(status=Meeting.Status.DRAFT)

    response = api.get("/api/v1/meetings/")

    [row] = results(response)
    assert row["id"] == meeting.pk and row["seats_left"] == 2
    assert "meet.example.org" not in response.content.decode()
    assert "jan@example.org" not in response.content.decode()


def test_meetings_filter_by_region_date_and_status(api):
    here = RegionFactory(slug="here")
    soon = MeetingFactory(regions=[here])
    MeetingFactory()
    past = MeetingFactory(
        regions=[here], starts_at=timezone.now() - timedelta(days=30), status=Meeting.Status.HELD
    )

    assert [m["id"] for m in results(api.get("/api/v1/meetings/", {"region": "here"}))] == [past.pk, soon.pk]
    assert [
        m["id"] for m in results(api.get("/api/v1/meetings/", {"region": "here", "upcoming": "true"}))
    ] == [soon.pk]
    after = (timezone.now() - timedelta(days=1)).isoformat()
    assert past.pk not in [m["id"] for m in results(api.get("/api/v1/meetings/", {"starts_after": after}))]
    assert [m["id"] for m in results(api.get("/api/v1/meetings/", {"status": "held"}))] == [past.pk]
    assert api.get("/api/v1/meetings/", {"status": "bogus"}).status_code == 400


def test_outcomes_endpoint_lists_public_outcomes_by_region_and_status(api):
    here = RegionFactory(slug="here")
    visible = OutcomeFactory(meeting=MeetingFactory(regions=[here]), status="realised")
    OutcomeFactory(meeting=MeetingFactory(regions=[here]), is_public=False)
    OutcomeFactory(status="idea")

    assert [o["id"] for o in results(api.get("/api/v1/meeting-outcomes/", {"region": "here"}))] == [
        visible.pk
    ]
    assert [o["id"] for o in results(api.get("/api/v1/meeting-outcomes/", {"status": "realised"}))] == [
        visible.pk
    ]


def payload(**changes):
    data = {
        "name": "An Peeters",
        "email": "an@example.org",
        "stakeholder_group": "farmer",
        "consent": True,
    }
    return data | changes


def test_register_endpoint_confirms_then_waitlists_and_refuses_duplicates(
    api, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(capacity=1)
    url = f"/api/v1/meetings/{meeting.pk}/register/"

    with django_capture_on_commit_callbacks(execute=True):
        first = api.post(url, payload(), format="json")
        second = api.post(url, payload(email="bert@example.org"), format="json")
        duplicate = api.post(url, payload(email="AN@example.org"), format="json")

    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    assert "token" not in first.json()
    assert second.status_code == 201 and second.json()["status"] == "waiting"
    assert duplicate.status_code == 400 and "email" in duplicate.json()
    assert meeting.registrations.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "consent"),
        ({"email": "nope"}, "email"),
        ({"stakeholder_group": "aliens"}, "stakeholder_group"),
        ({"remarks": "x" * 2001}, "remarks"),
    ],
)
def test_register_endpoint_answers_400_with_field_errors(api, changes, field):
    meeting = MeetingFactory()

    response = api.post(f"/api/v1/meetings/{meeting.pk}/register/", payload(**changes), format="json")

    assert response.status_code == 400 and field in response.json()
    assert not meeting.registrations.exists()


def test_register_endpoint_refuses_closed_and_draft_meetings(api):
    closed = MeetingFactory(registration_deadline=timezone.now() - timedelta(minutes=5))
    draft = MeetingFactory(status=Meeting.Status.DRAFT)

    assert api.post(f"/api/v1/meetings/{closed.pk}/register/", payload(), format="json").status_code == 400
    assert api.post(f"/api/v1/meetings/{draft.pk}/register/", payload(), format="json").status_code == 404


STAFF_ENDPOINTS = [
    ("get", "/api/v1/meeting-registrations/"),
    ("get", "/api/v1/meeting-registrations/{pk}/"),
    ("patch", "/api/v1/meeting-registrations/{pk}/"),
]


@pytest.mark.parametrize(("method", "url"), STAFF_ENDPOINTS)
@pytest.mark.parametrize("who", ["anonymous", "user"])
def test_registration_endpoints_refuse_everyone_but_organisers(api, method, url, who):
    registration = RegistrationFactory(email="secret@example.org")
    if who == "user":
        api.force_authenticate(UserFactory(username="curious"))

    response = getattr(api, method)(url.format(pk=registration.pk), {"attended": True}, format="json")

    assert response.status_code in (401, 403)
    assert b"secret@example.org" not in response.content
    registration.refresh_from_db()
    assert not registration.attended


def test_organisers_list_registrations_by_meeting_and_check_people_in(api, organiser):
    started = MeetingFactory(starts_at=timezone.now() - timedelta(minutes=30))
    registration = RegistrationFactory(meeting=started, email="els@example.org")
    RegistrationFactory()
    api.force_authenticate(organiser)

    rows = results(api.get("/api/v1/meeting-registrations/", {"meeting": registration.meeting_id}))
    response = api.patch(
        f"/api/v1/meeting-registrations/{registration.pk}/",
        {"attended": True, "email": "x@y.z"},
        format="json",
    )

    assert [r["email"] for r in rows] == ["els@example.org"]
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.attended and registration.email == "els@example.org"
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("status", [Registration.Status.WAITING, Registration.Status.CANCELLED])
def test_only_confirmed_people_can_be_checked_in_through_the_api(api, organiser, status):
    registration = RegistrationFactory(status=status)
    api.force_authenticate(organiser)

    response = api.patch(
        f"/api/v1/meeting-registrations/{registration.pk}/", {"attended": True}, format="json"
    )

    assert response.status_code == 400 and "attended" in response.json()
    registration.refresh_from_db()
    assert not registration.attended


def test_schema_documents_the_meetings_endpoints(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    for path in ["/api/v1/meetings/", "/api/v1/meetings/{id}/register/", "/api/v1/meeting-registrations/"]:
        assert path in schema["paths"]


def test_register_endpoint_is_rate_limited_per_address(api, settings):
    settings.MEETINGS_API_REGISTRATION_RATE = "2/hour"
    meeting = MeetingFactory()
    url = f"/api/v1/meetings/{meeting.pk}/register/"

    answers = [api.post(url, payload(email=f"p{n}@example.org"), format="json").status_code for n in range(3)]

    assert answers == [201, 201, 429]
    assert meeting.registrations.count() == 2


@pytest.mark.parametrize(
    "backend", ["tests.portal.backends.ServerDownBackend", "tests.portal.backends.BrokenMessageBackend"]
)
def test_register_endpoint_answers_201_when_the_mail_server_fails(api, settings, backend):
    settings.EMAIL_DELIVERY_BACKEND = backend
    meeting = MeetingFactory()

    response = api.post(f"/api/v1/meetings/{meeting.pk}/register/", payload(), format="json")

    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    assert meeting.registrations.count() == 1
