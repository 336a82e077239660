"""Brute force and floods: login lockout (pages, admin, HTTP Basic), throttled sign-up and password
reset, and one client address that a client cannot choose by sending X-Forwarded-For."""

import base64

import pytest
from django.core import mail
from django.test import RequestFactory

from portal.ratelimit import client_ip
from tests.factories import PASSWORD, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, url="/en/accounts/login/", **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def _basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_an_account_is_locked_after_five_wrong_passwords_also_for_the_right_one(client):
    user = UserFactory(username="an", email="an@example.org")
    answers = [_login(client, "an@example.org", "wrong").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]  # the fifth failure locks
    response = _login(client, "an@example.org", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # the account, whatever the letter case or the address it is tried from
    response = _login(client, "AN@example.org", PASSWORD, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    # another account from another address is not affected
    other = UserFactory()
    assert _login(client, other.email, PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 302
    assert user.pk  # the locked account itself is untouched


def test_the_e_mail_address_and_the_user_name_of_an_account_share_one_budget(client):
    UserFactory(username="organiser", email="org@example.org", is_staff=True)
    for n in range(5):
        _login(client, "ORG@example.org" if n % 2 else "organiser", "wrong", REMOTE_ADDR=f"10.2.0.{n}")
    assert _login(client, "organiser", PASSWORD, REMOTE_ADDR="10.2.0.9").status_code == 429


def test_an_address_is_locked_after_five_failures_on_any_accounts(client):
    for n in range(5):
        _login(client, f"nobody{n}@example.org", "wrong")
    user = UserFactory()
    assert _login(client, user.email, PASSWORD).status_code == 429
    assert _login(client, user.email, PASSWORD, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_a_new_x_forwarded_for_per_attempt_does_not_escape_the_lockout(client):
    user = UserFactory()
    for n in range(5):
        _login(client, f"nobody{n}@example.org", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _login(client, user.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_admin_login_is_locked_out_too(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(5):
        _login(client, admin.username, "wrong", url="/en/admin/login/")
    response = _login(client, admin.username, PASSWORD, url="/en/admin/login/")
    assert response.status_code == 429
    assert client.get("/en/admin/").status_code == 302  # still not logged in


def test_http_basic_on_the_api_is_locked_out_with_429(client):
    user = UserFactory()
    answers = [
        client.get("/api/v1/meetings/", **_basic(user.username, "wrong")).status_code for _ in range(5)
    ]
    assert set(answers[:4]) <= {401, 403} and answers[4] == 429
    response = client.get("/api/v1/meetings/", **_basic(user.username, PASSWORD))
    assert response.status_code == 429
    # from another address the account is still locked
    response = client.get("/api/v1/meetings/", REMOTE_ADDR="10.4.4.4", **_basic(user.username, PASSWORD))
    assert response.status_code == 429
    other = UserFactory()
    ok = client.get("/api/v1/meetings/", REMOTE_ADDR="10.4.4.4", **_basic(other.username, PASSWORD))
    assert ok.status_code == 200


def test_password_reset_requests_are_limited_per_address(client, settings):
    settings.PASSWORD_RESET_RATE = "2/hour"
    user = UserFactory()
    answers = [
        client.post("/en/accounts/password_reset/", {"email": user.email}).status_code for _ in range(4)
    ]
    assert answers == [302, 302, 429, 429]
    assert len(mail.outbox) == 2


def _registration(email):
    return {"name": "An Peeters", "email": email, "stakeholder_group": "farmer", "consent": True}


def test_a_new_x_forwarded_for_per_request_does_not_escape_the_registration_limit(client, settings):
    settings.MEETINGS_API_REGISTRATION_RATE = "2/hour"
    meeting = MeetingFactory()
    url = f"/api/v1/meetings/{meeting.pk}/register/"
    answers = [
        client.post(
            url,
            _registration(f"p{n}@example.org"),
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(4)
    ]
    assert answers == [201, 201, 429, 429]
    assert meeting.registrations.count() == 2


def test_behind_a_trusted_proxy_each_client_has_its_own_budget(client, settings):
    settings.MEETINGS_API_REGISTRATION_RATE = "1/hour"
    settings.TRUSTED_PROXY_COUNT = 1
    meeting = MeetingFactory()
    url = f"/api/v1/meetings/{meeting.pk}/register/"

    def post(n, forwarded):
        return client.post(
            url,
            _registration(f"q{n}@example.org"),
            content_type="application/json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert post(1, "203.0.113.5") == 201
    assert post(2, "203.0.113.6") == 201  # another client behind the same proxy
    # the client's own left-hand entries are not trusted: still 203.0.113.5 as the proxy saw it
    assert post(3, "1.2.3.4, 203.0.113.5") == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.1"),
        (1, "1.1.1.1, 2.2.2.2", "2.2.2.2"),
        (2, "1.1.1.1, 2.2.2.2, 3.3.3.3", "2.2.2.2"),
        (2, "3.3.3.3", "10.0.0.1"),  # fewer entries than proxies: the connection's address
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.parametrize("remote", ["", "unix:/run/gunicorn.sock", None])
def test_without_a_usable_connection_address_the_client_address_is_still_an_address(client, remote):
    """No REMOTE_ADDR (a Unix socket, a test transport): still an address the lockout can store,
    so a login failure is counted instead of failing."""
    request = RequestFactory().get("/")
    if remote is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote
    assert client_ip(request) == "0.0.0.0"
    response = client.get("/api/v1/meetings/", REMOTE_ADDR="", **_basic("nobody", "wrong"))
    assert response.status_code in (401, 403)
