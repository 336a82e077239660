"""Accounts: log in by e-mail address, land on your own pages, reset a forgotten password in the
portal's look."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail

from tests.biodiva.factories import CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _log_in(client, login, password="secret-pass-123", **extra):
    return client.post("/accounts/login/", {"username": login, "password": password, **extra})


def test_log_in_with_the_e_mail_address_in_any_letter_case(client):
    UserFactory(username="info@boomse-bouw.example", email="Info@Boomse-Bouw.example")

    response = _log_in(client, "INFO@boomse-bouw.EXAMPLE")

    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_staff_still_log_in_with_their_user_name(client):
    UserFactory(username="beheerder", email="beheer@example.org", is_staff=True)

    assert _log_in(client, "beheerder").status_code == 302


def test_a_wrong_password_re_renders_the_form_with_a_message(client):
    UserFactory(username="jan", email="jan@example.org")

    response = _log_in(client, "jan@example.org", "wrong")

    assert response.status_code == 200
    assert "komen niet overeen met een account" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_an_inactive_account_cannot_log_in_by_e_mail(client):
    UserFactory(username="slapend", email="slapend@example.org", is_active=False)

    assert _log_in(client, "slapend@example.org").status_code == 200


def test_the_login_form_asks_for_an_e_mail_address_and_offers_a_reset_and_sign_up(client):
    html = client.get("/accounts/login/").content.decode()

    assert '<label for="id_username">E-mailadres' in html
    assert "Gebruikersnaam" not in html
    assert 'href="/accounts/password_reset/"' in html and "Wachtwoord vergeten?" in html
    assert 'href="/biodiva/signup/"' in html


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("company", "/biodiva/"),
        ("ecologists", "/monitoring/"),
        ("students", "/monitoring/"),
        ("organisers", "/meetings/staff/"),
        ("biodiva staff", "/biodiva/overview/"),
        ("biodiva advisors", "/biodiva/advisor/"),
        ("superuser", "/admin/"),
        ("nobody", "/"),
    ],
)
def test_after_login_each_role_lands_on_its_own_page(client, role, landing):
    user = UserFactory(username=f"u-{role}", email=f"{role.replace(' ', '-')}@example.org")
    if role == "company":
        CompanyFactory(members=[user])
    elif role == "superuser":
        user.is_superuser = user.is_staff = True
        user.save()
    elif role != "nobody":
        user.groups.add(Group.objects.get_or_create(name=role)[0])

    response = _log_in(client, user.email)

    assert response.url == landing


def test_english_login_lands_on_the_english_page(client):
    user = UserFactory(username="eco", email="eco@example.org")
    user.groups.add(Group.objects.get_or_create(name="ecologists")[0])

    assert (
        client.post("/en/accounts/login/", {"username": "eco@example.org", "password": "secret-pass-123"}).url
        == "/en/monitoring/"
    )


def test_a_safe_next_address_wins_over_the_landing_page(client):
    user = UserFactory(username="eco", email="eco@example.org")
    user.groups.add(Group.objects.get_or_create(name="ecologists")[0])

    assert _log_in(client, "eco@example.org", next="/measures/").url == "/measures/"


def test_an_outside_next_address_is_ignored(client):
    UserFactory(username="jan", email="jan@example.org")

    assert _log_in(client, "jan@example.org", next="https://evil.example/").url == "/"


def test_password_reset_is_branded_and_mails_a_working_link(client):
    UserFactory(username="jan", email="jan@example.org")

    page = client.get("/accounts/password_reset/").content.decode()
    assert "Provincie Antwerpen" in page and "Django" not in page
    response = client.post("/accounts/password_reset/", {"email": "jan@example.org"})
    assert response.url == "/accounts/password_reset/done/"
    assert "Controleer je e-mail" in client.get(response.url).content.decode()

    (message,) = mail.outbox
    assert "Provincie Antwerpen" in message.subject and "Django" not in message.body
    link = re.search(re.escape(settings.SITE_URL) + r"(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "een-nieuw-lang-wachtwoord", "new_password2": "een-nieuw-lang-wachtwoord"},
    )
    assert done.url == "/accounts/reset/done/"
    assert _log_in(client, "jan@example.org", "een-nieuw-lang-wachtwoord").status_code == 302


def test_a_used_reset_link_says_so_in_plain_words(client):
    page = client.get("/accounts/reset/MQ/set-password/").content.decode()

    assert "Deze link werkt niet (meer)" in page


def test_log_out_brings_you_back_home(client):
    user = UserFactory(username="jan", email="jan@example.org")
    client.force_login(user)

    assert client.post("/accounts/logout/").url == "/"
    assert not client.session.get("_auth_user_id")
