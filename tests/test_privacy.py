"""Personal names are never public: no anonymous API answer or public page names a person (who set a
camera up, a plan's contact person, a user's name or user name); the roles that work with them
still see them."""

from datetime import timedelta

import pytest

from monitoring.services import create_observation
from tests.factories import UserFactory
from tests.meetings.factories import OutcomeFactory
from tests.meetings.factories import UserFactory as MeetingsUserFactory
from tests.monitoring.factories import T0, DeploymentFactory, ecologist, taxon

pytestmark = pytest.mark.django_db

NAMES = ["Zebedeus", "Quirijnen", "zquirijnen", "Philomena"]


@pytest.fixture
def people_everywhere():
    """Data that names people in every app the public reads."""
    eco = ecologist("zquirijnen")
    eco.first_name, eco.last_name = "Zebedeus", "Quirijnen"
    eco.save()
    deployment = DeploymentFactory(setup_by="Zebedeus Quirijnen", comments="Zebedeus hing ze op")
    create_observation(
        user=eco,
        deployment=deployment,
        data={"taxon": taxon("Meles meles"), "timestamp": T0 + timedelta(hours=1), "count": 1},
    )
    outcome = OutcomeFactory(organisation="Gemeente Boom", contact="Philomena Quirijnen")
    return {"eco": eco, "deployment": deployment, "outcome": outcome}


def _anonymous_get_endpoints(client) -> list[str]:
    schema = client.get("/api/schema/", {"format": "json"}).json()
    return [path for path, ops in schema["paths"].items() if "get" in ops and "{" not in path]


def test_no_anonymous_api_answer_names_a_person(client, people_everywhere):
    endpoints = _anonymous_get_endpoints(client)
    assert "/api/v1/monitoring/deployments/" in endpoints and "/api/v1/meeting-outcomes/" in endpoints
    for path in endpoints:
        response = client.get(path)
        if response.status_code != 200:
            continue
        body = response.content.decode()
        assert not [name for name in NAMES if name in body], path
    detail = client.get(f"/api/v1/monitoring/deployments/{people_everywhere['deployment'].pk}/").json()
    assert detail["setup_by"] == "" and detail["code"]


def test_no_public_page_names_a_person(client, people_everywhere):
    outcome = people_everywhere["outcome"]
    pages = [
        outcome.meeting.get_absolute_url(),
        f"/en{outcome.meeting.get_absolute_url()}",
        "/monitoring/",
        f"/monitoring/structures/{people_everywhere['deployment'].structure.slug}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [name for name in NAMES if name in body], url
    assert "Gemeente Boom" in client.get(outcome.meeting.get_absolute_url()).content.decode()


def test_the_team_and_the_organisers_still_see_the_names(client, people_everywhere):
    client.force_login(people_everywhere["eco"])
    deployment = client.get(f"/api/v1/monitoring/deployments/{people_everywhere['deployment'].pk}/").json()
    assert deployment["setup_by"] == "Zebedeus Quirijnen"
    client.force_login(MeetingsUserFactory(organiser=True))
    outcomes = client.get("/api/v1/meeting-outcomes/").json()["results"]
    assert outcomes[0]["contact"] == "Philomena Quirijnen"
    page = client.get(people_everywhere["outcome"].meeting.get_absolute_url()).content.decode()
    assert "Philomena Quirijnen" in page


def test_a_logged_in_user_without_the_role_sees_no_names(client, people_everywhere):
    client.force_login(UserFactory())
    assert client.get("/api/v1/meeting-outcomes/").json()["results"][0]["contact"] == ""
    deployments = client.get("/api/v1/monitoring/deployments/").json()["results"]
    assert deployments[0]["setup_by"] == ""
