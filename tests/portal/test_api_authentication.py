"""API clients that are not (or wrongly) authenticated are told so with 401 and how to log in."""

import base64

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROTECTED = ["/api/v1/biodiva/sites/", "/api/v1/monitoring/observations/", "/api/v1/advice/queue/"]


def _basic(username: str, password: str) -> dict:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.mark.parametrize("url", PROTECTED)
def test_an_anonymous_call_to_a_protected_endpoint_answers_401_with_the_scheme(client, url):
    response = client.get(url)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize("url", [*PROTECTED, "/api/v1/regions/"])
def test_wrong_basic_credentials_answer_401_with_the_scheme(client, url):
    UserFactory(username="jan", password="juist-wachtwoord-1")

    response = client.get(url, **_basic("jan", "fout"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


@pytest.mark.parametrize("mode", ["cors", "same-origin"])
@pytest.mark.parametrize("url", PROTECTED)
def test_the_portals_own_scripts_get_401_without_the_basic_challenge(client, url, mode):
    """A fetch() from a portal page whose session ended: no Basic challenge, which would open the
    browser's login box; the page handles the 401 itself."""
    response = client.get(url, HTTP_SEC_FETCH_SITE="same-origin", HTTP_SEC_FETCH_MODE=mode)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Session"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_SEC_FETCH_MODE": "navigate"},  # the address bar
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_SEC_FETCH_MODE": "cors"},  # another site's script
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_SEC_FETCH_MODE": "cors"} | _basic("jan", "fout"),
    ],
    ids=["navigation", "cross-site", "with-credentials"],
)
def test_other_browser_requests_still_get_the_basic_challenge(client, headers):
    response = client.get("/api/v1/monitoring/observations/", **headers)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_a_logged_in_user_without_the_role_still_gets_403(client):
    client.force_login(UserFactory())

    assert client.get("/api/v1/advice/queue/").status_code == 403


def test_a_browser_session_still_needs_its_csrf_token():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/api/v1/biodiva/sites/", {}, content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_schema_documents_401_403_and_429_where_they_occur():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]

    for path in ("/api/v1/monitoring/exports/camtrap-dp/", "/api/v1/monitoring/exports/dwc-archive/"):
        assert {"200", "401", "403", "429"} <= set(paths[path]["get"]["responses"]), path
    for path, operations in paths.items():
        for method, operation in operations.items():
            if {} not in operation.get("security", [{}]):
                assert {"401", "403"} <= set(operation["responses"]), f"{method} {path}"
