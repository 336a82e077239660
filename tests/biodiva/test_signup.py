"""Company sign-up with e-mail confirmation."""

import datetime
import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.utils import timezone

from biodiva.constants import COMPANY_USERS_GROUP
from biodiva.models import Company
from biodiva.services import SIGNUP_SALT

pytestmark = pytest.mark.django_db

DATA = {
    "company_name": "Boomse Bouw",
    "email": "Info@Boomse-Bouw.example",
    "password1": "ruig-Grasland-42",
    "password2": "ruig-Grasland-42",
}


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """Post the sign-up form; the e-mail goes out once the transaction commits."""

    def post(data=DATA, url="/biodiva/signup/"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def _link(index: int = 0) -> str:
    return re.search(re.escape(settings.SITE_URL) + r"(\S+)", mail.outbox[index].body).group(1)


def confirm(client, link: str, password: str = DATA["password1"]):
    """Open the e-mailed link and confirm with the password chosen at sign-up."""
    assert client.get(link).status_code == 200
    return client.post(link, {"password": password})


def test_sign_up_confirm_and_log_in(client, sign_up):
    response = sign_up()
    assert response.url == "/biodiva/signup/sent/"
    user = get_user_model().objects.get(email="info@boomse-bouw.example")
    assert not user.is_active
    assert Company.objects.get(name="Boomse Bouw").members.get() == user
    assert user.groups.filter(name=COMPANY_USERS_GROUP).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["info@boomse-bouw.example"]
    # not active yet: the login form refuses
    assert not client.login(username="info@boomse-bouw.example", password=DATA["password1"])
    response = confirm(client, _link())
    assert response.url == "/biodiva/"
    user.refresh_from_db()
    assert user.is_active
    assert "Boomse Bouw" in client.get("/biodiva/").content.decode()


def test_a_stranger_signing_up_with_your_address_gets_no_account_you_would_activate(client, sign_up):
    """Account pre-hijacking: the owner of the address cannot activate the stranger's password
    by clicking the link; once the confirmation time has passed, the owner can start afresh."""
    sign_up()  # the stranger, with a password the owner does not know
    response = confirm(client, _link(), password="the-owners-own-guess")
    assert response.status_code == 200 and "password" in response.context["form"].errors
    assert not get_user_model().objects.get().is_active
    get_user_model().objects.update(date_joined=timezone.now() - datetime.timedelta(days=4))
    sign_up(DATA | {"password1": "eigen-Wachtwoord-7", "password2": "eigen-Wachtwoord-7"})
    assert confirm(client, _link(1), password="eigen-Wachtwoord-7").url == "/biodiva/"
    client.logout()
    assert not client.login(username="info@boomse-bouw.example", password=DATA["password1"])
    assert client.login(username="info@boomse-bouw.example", password="eigen-Wachtwoord-7")


OTHER = DATA | {
    "company_name": "Kaper BV",
    "password1": "kaper-Wachtwoord-9",
    "password2": "kaper-Wachtwoord-9",
}


@pytest.mark.parametrize("confirmed", [False, True], ids=["unconfirmed", "confirmed"])
def test_signing_up_with_a_taken_address_changes_nothing_and_tells_nothing(client, sign_up, confirmed):
    """Neither the password nor the company name of the account changes, the answer is the one a
    new address gets, and the owner of the address is told by e-mail."""
    sign_up()
    if confirmed:
        confirm(client, _link())
        client.logout()
    new_address = sign_up(OTHER | {"email": "nieuw@example.org"})
    taken = sign_up(OTHER)
    assert taken.status_code == new_address.status_code == 302 and taken.url == new_address.url
    user = get_user_model().objects.get(email="info@boomse-bouw.example")
    assert user.check_password(DATA["password1"]) and not user.check_password(OTHER["password1"])
    assert list(user.biodiva_companies.values_list("name", flat=True)) == ["Boomse Bouw"]
    assert not Company.objects.filter(name="Kaper BV", members=user).exists()
    warning = mail.outbox[-1]
    assert warning.to == ["info@boomse-bouw.example"]
    assert "Kaper" not in warning.body and "kaper-Wachtwoord" not in warning.body
    if confirmed:
        assert "/accounts/login/" in warning.body
    else:
        # a fresh link, still with the password chosen first
        assert confirm(client, _link(len(mail.outbox) - 1)).url == "/biodiva/"


def test_form_errors_keep_the_input(sign_up):
    response = sign_up(DATA | {"password2": "other", "email": "not-an-address"}, "/en/biodiva/signup/")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "email" in errors and "password2" in errors
    assert 'value="Boomse Bouw"' in response.content.decode()
    assert not mail.outbox


def test_weak_password_is_refused_and_a_taken_address_is_not_revealed(client, sign_up):
    sign_up()
    confirm(client, _link())
    again = sign_up(DATA | {"password1": "12345678", "password2": "12345678"}, "/en/biodiva/signup/")
    errors = again.context["form"].errors
    assert "email" not in errors and "password1" in errors


def test_tampered_link_is_refused(client, sign_up):
    sign_up()
    response = client.get(_link()[:-3] + "xyz/")
    assert response.status_code == 400
    assert not get_user_model().objects.get().is_active


def test_expired_link_is_refused(client, sign_up):
    sign_up()
    user = get_user_model().objects.get()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 10 * 86400):
        token = signing.dumps({"user": user.pk}, salt=SIGNUP_SALT)
    response = client.get(f"/en/biodiva/signup/confirm/{token}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_link_activates_once_and_is_no_login_link_afterwards(client, sign_up):
    sign_up()
    link = _link()
    confirm(client, link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "_auth_user_id" not in client.session


def test_after_an_expired_link_the_address_can_sign_up_again(client, sign_up):
    sign_up()
    get_user_model().objects.update(date_joined=timezone.now() - datetime.timedelta(days=4))
    response = sign_up(DATA | {"company_name": "Boomse Bouw NV"})
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert list(user.biodiva_companies.values_list("name", flat=True)) == ["Boomse Bouw NV"]
    assert not Company.objects.filter(name="Boomse Bouw").exists()
    confirm(client, _link(1))
    user.refresh_from_db()
    assert user.is_active


def test_double_submitted_sign_up_makes_one_account_and_both_links_work(client, sign_up):
    sign_up()
    sign_up()
    assert get_user_model().objects.count() == 1 and Company.objects.count() == 1
    assert confirm(client, _link(0)).url == "/biodiva/"
    assert get_user_model().objects.get().is_active


def test_sign_up_fields_name_their_purpose_for_autofill(client):
    html = client.get("/biodiva/signup/").content.decode()
    assert re.search(r'<input type="email" name="email"[^>]*autocomplete="email"', html)
    assert re.search(r'<input type="text" name="company_name"[^>]*autocomplete="organization"', html)


def test_sign_ups_are_limited_per_address(sign_up, settings):
    settings.BIODIVA_SIGNUP_RATE = "3/hour"
    answers = [
        sign_up(DATA | {"email": f"bedrijf{i}@example.org"}, "/en/biodiva/signup/").status_code
        for i in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]
    assert get_user_model().objects.count() == 3
