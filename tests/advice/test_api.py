"""The API: a public POST with the form's rules and a rate limit; the queue for the team only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from advice.models import AdviceRequest
from tests.landscapes.factories import MeasureFactory
from tests.monitoring.factories import StructureFactory

from .factories import AdviceRequestFactory, UserFactory, ecologist, fake_pdf, png

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "name": "An Peeters",
    "email": "an@example.org",
    "organisation_type": "municipality",
    "organisation": "Gemeente Boom",
    "topic": "fauna_passage",
    "description": "Een faunatunnel onder de N177.",
    "municipality": "Boom",
    "consent": True,
}


@pytest.fixture
def api():
    return APIClient()


def test_anyone_can_send_a_request_as_json(api, region, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/advice/requests/", PAYLOAD, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    advice_request = AdviceRequest.objects.get()
    assert body["reference"] == advice_request.reference and body["region"] == "rupel"
    assert advice_request.token not in response.content.decode()
    assert advice_request.token in mail.outbox[0].body


def test_a_request_with_files_goes_as_multipart(api, region):
    response = api.post(
        "/api/v1/advice/requests/",
        PAYLOAD | {"consent": "true", "photos": [png("a.png"), png("b.png")]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert AdviceRequest.objects.get().attachments.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": False}, "consent"),
        ({"municipality": "Atlantis"}, "municipality"),
        ({"municipality": ""}, "municipality"),
        ({"municipality": "", "latitude": 50.0, "longitude": 3.0}, "latitude"),
        ({"topic": "gardening"}, "topic"),
    ],
)
def test_bad_requests_get_400_with_field_errors(api, region, change, field):
    response = api.post("/api/v1/advice/requests/", PAYLOAD | change, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not AdviceRequest.objects.exists()


def test_a_fake_document_is_refused(api, region):
    response = api.post("/api/v1/advice/requests/", PAYLOAD | {"documents": [fake_pdf()]}, format="multipart")
    assert response.status_code == 400 and "documents" in response.json()
    assert not AdviceRequest.objects.exists()


def test_errors_come_in_english_when_asked(api, region):
    response = api.post(
        "/api/v1/advice/requests/", PAYLOAD | {"municipality": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Choose the municipality" in response.json()["municipality"][0]


def test_public_requests_are_limited_per_client_address(api, region, settings):
    settings.ADVICE_REQUEST_RATE = "2/hour"
    codes = [api.post("/api/v1/advice/requests/", PAYLOAD, format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    other = APIClient(REMOTE_ADDR="10.0.0.9")
    assert other.post("/api/v1/advice/requests/", PAYLOAD, format="json").status_code == 201


QUEUE_URLS = ["/api/v1/advice/queue/", "/api/v1/advice/queue/{pk}/", "/api/v1/advice/figures/"]


@pytest.mark.parametrize("url", QUEUE_URLS)
def test_the_queue_is_closed_to_anonymous_clients_and_other_staff(api, other_staff, url):
    advice_request = AdviceRequestFactory()
    assert api.get(url.format(pk=advice_request.pk)).status_code in (401, 403)
    api.force_authenticate(other_staff)
    assert api.get(url.format(pk=advice_request.pk)).status_code == 403
    response = api.post(f"/api/v1/advice/queue/{advice_request.pk}/triage/", {"decision": "accept"})
    assert response.status_code == 403


def test_the_team_lists_and_filters_the_queue(api, eco, region):
    AdviceRequestFactory(region=region, topic="fauna_passage")
    AdviceRequestFactory(topic="plan_forest", status="declined")
    api.force_authenticate(eco)
    rows = api.get("/api/v1/advice/queue/?open=true").json()["results"]
    assert [r["topic"] for r in rows] == ["fauna_passage"]
    rows = api.get("/api/v1/advice/queue/?region=rupel&topic=fauna_passage").json()["results"]
    assert len(rows) == 1 and rows[0]["region"] == "rupel"


def test_the_team_handles_a_request_through_the_api(api, eco, django_capture_on_commit_callbacks):
    colleague = ecologist("collega")
    advice_request = AdviceRequestFactory()
    hedge = MeasureFactory(slug="hedgerow")
    tunnel = StructureFactory(slug="n16-tunnel")
    base = f"/api/v1/advice/queue/{advice_request.pk}"
    api.force_authenticate(eco)

    refused = api.post(f"{base}/triage/", {"decision": "decline"}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    assert api.post(f"{base}/answer/", {"text": "Te vroeg"}, format="json").status_code == 400
    assert api.post(f"{base}/triage/", {"decision": "accept"}, format="json").status_code == 200
    assert api.post(f"{base}/assign/", {"assignee": "collega"}, format="json").status_code == 200
    outsider = UserFactory(username="buiten")
    assert api.post(f"{base}/assign/", {"assignee": outsider.username}, format="json").status_code == 400
    visit = (timezone.localdate() + timedelta(days=4)).isoformat()
    assert api.post(f"{base}/site-visit/", {"site_visit_on": visit}, format="json").status_code == 200
    assert api.post(f"{base}/notes/", {"text": "Intern."}, format="json").status_code == 200
    links = {"measures": ["hedgerow"], "structure": "n16-tunnel"}
    assert api.post(f"{base}/links/", links, format="json").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"{base}/answer/", {"text": "Plant een haag."}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "answered" and body["assigned_to"] == colleague.username
    assert body["measures"] == [hedge.slug] and body["structure"] == tunnel.slug
    assert [n["text"] for n in body["notes"]] == ["Intern."]
    assert [h["action"] for h in body["history"]] == [
        "accepted",
        "assigned",
        "visit_planned",
        "linked",
        "answered",
    ]
    assert mail.outbox[-1].attachments[0][2] == "application/pdf"


def test_the_team_gets_the_figures(api, eco, region):
    AdviceRequestFactory.create_batch(2, region=region, topic="biodiversity")
    api.force_authenticate(eco)
    body = api.get("/api/v1/advice/figures/").json()
    assert body["total"] == 2
    assert body["per_region"] == [{"key": "rupel", "label": "Rupelstreek", "count": 2, "share": 100}]
    assert body["per_topic"][0]["key"] == "biodiversity"
