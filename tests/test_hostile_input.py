"""Hostile input at the portal's edge: whatever the request carries, the answer is a clear 4xx that
names the part at fault, never a server error (PostgreSQL refuses NUL characters in any text, so on
that database each of these was a 500)."""

import base64
import json

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse

from portal.errors import ServiceError, add_service_errors
from tests.meetings.factories import MeetingFactory, stakeholder_group

pytestmark = pytest.mark.django_db


def test_a_nul_byte_in_an_api_path_names_the_path(client):
    response = client.get("/api/v1/regions/bad%00slug/")
    assert response.status_code == 400
    assert "path" in response.json()


def test_a_nul_byte_in_a_page_path_answers_a_page_naming_the_path(client):
    response = client.get("/monitoring/structures/bad%00slug/")
    assert response.status_code == 400
    assert "path" in response.content.decode()


def test_a_nul_byte_in_a_query_parameter_names_the_parameter(client):
    response = client.get("/api/v1/species/", {"search": "vos\x00"})
    assert response.status_code == 400
    assert list(response.json()) == ["search"]


def test_a_nul_byte_in_a_page_query_parameter_names_the_parameter(client):
    response = client.get(reverse("meetings:meeting-list"), {"region": "kempen\x00"})
    assert response.status_code == 400
    assert "region" in response.content.decode()


def test_nul_bytes_in_basic_credentials_answer_4xx_naming_them(client):
    credentials = base64.b64encode(b"someone\x00:secret").decode()
    response = client.get("/api/v1/meetings/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 400
    assert "Authorization" in response.json()


def test_a_nul_byte_in_a_session_cookie_is_refused(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get(reverse("meetings:meeting-list"))
    assert response.status_code == 400


def test_a_nul_byte_in_a_posted_form_field_names_the_field(client):
    response = client.post(reverse("login"), {"username": "someone\x00", "password": "x"})
    assert response.status_code == 400
    assert "username" in response.content.decode()


def _register_url():
    meeting = MeetingFactory()
    stakeholder_group("resident")
    return reverse("meeting-register", args=[meeting.pk])


def test_fifty_thousand_nested_json_arrays_answer_400(client):
    body = "[" * 50_000 + "]" * 50_000
    response = client.post(_register_url(), body, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_moderately_nested_json_document_is_refused_before_any_field_sees_it(client):
    nested = "x"
    for _ in range(40):
        nested = [nested]
    body = json.dumps({"name": nested})
    response = client.post(_register_url(), body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("bad", ["Jan\x00", "Jan\ud800"])
def test_unstorable_text_in_a_json_body_names_the_field(client, bad):
    payload = {
        "name": bad,
        "email": "jan@example.org",
        "stakeholder_group": "resident",
        "consent": True,
    }
    url = _register_url()
    body = json.dumps(payload)  # the surrogate travels as a \\ud800 escape, as a client sends it
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]


def test_a_broken_multipart_body_answers_400(client):
    response = client.post(
        _register_url(),
        b'--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nJan',
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 400


class _Form(forms.Form):
    email = forms.EmailField()


def test_the_form_helper_puts_a_services_field_error_on_its_field():
    form = _Form(data={"email": "a@example.org"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"email": "Already registered.", "elsewhere": "Closed."}))
    assert form.errors["email"] == ["Already registered."]
    assert form.non_field_errors() == ["Closed."]


def test_the_form_helper_shows_a_service_error_without_a_field_above_the_form():
    form = _Form(data={"email": "a@example.org"})
    assert form.is_valid()
    add_service_errors(form, ServiceError("Registration is closed.", code="closed"))
    assert form.non_field_errors() == ["Registration is closed."]
    add_service_errors(form, ServiceError("Taken.", code="duplicate", field="email"))
    assert form.errors["email"] == ["Taken."]


@pytest.mark.parametrize(
    ("bad", "language", "expected", "wrong"),
    [
        ("x\ud800y", "nl", "surrogaat", "Nul-tekens"),
        ("x\udfffy", "en", "surrogate", "Null characters"),
        ("x\x00y", "nl", "Nul-tekens", "surrogaat"),
        ("x\x00y", "en", "Null characters", "surrogate"),
    ],
)
def test_a_json_body_is_told_which_unstorable_character_it_carries(client, bad, language, expected, wrong):
    payload = {"name": bad, "email": "jan@example.org", "stakeholder_group": "resident", "consent": True}
    response = client.post(
        _register_url(), json.dumps(payload), content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    message = response.json()["name"][0]
    assert expected in message and wrong not in message


@pytest.mark.parametrize("query", ["lat=51\x00&lon=4.4", "lat=51%00&lon=4.4", "lon=4.4&lat=51+%00"])
def test_a_nul_byte_in_the_map_lookups_query_names_the_parameter(client, query):
    """Raw, escaped or after a plus: the query is not plain (``portal.querystring``), so it is read
    as Django reads it and checked parameter by parameter."""
    response = client.get(f"/api/v1/regions/lookup/?{query}", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["lat"]


def test_a_plain_query_is_checked_whole_without_parsing_it():
    """A map click's query is plain: the middleware leaves ``request.GET`` unbuilt (the lookup
    endpoint splits the query itself); any other query is parsed and checked."""
    from django.test import RequestFactory

    from portal.hostile import RejectUnsafeTextMiddleware

    parsed = {}

    def view(request):
        parsed[request.META["QUERY_STRING"]] = "GET" in request.__dict__
        return HttpResponse()

    middleware = RejectUnsafeTextMiddleware(view)
    for query in ("lat=51.0875&lon=4.3665", "search=%C3%A9"):
        assert middleware(RequestFactory().get(f"/api/v1/regions/lookup/?{query}")).status_code == 200
    assert parsed == {"lat=51.0875&lon=4.3665": False, "search=%C3%A9": True}
