"""Every link in every e-mail is on SITE_URL, whatever host the request that sent it came in on (a
forged Host header, an internal proxy name), as the README promises."""

import re

import pytest
from django.core import mail

from advice.emails import build_message
from tests.advice.factories import AdviceRequestFactory
from tests.factories import UserFactory
from tests.meetings.factories import MeetingFactory
from tests.meetings.test_views import registration_data

pytestmark = pytest.mark.django_db

OTHER_HOST = {"HTTP_HOST": "intern.proxy.example"}
SIGNUP = {
    "company_name": "Boomse Bouw",
    "email": "info@boomse-bouw.example",
    "password1": "ruig-Grasland-42",
    "password2": "ruig-Grasland-42",
}


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://groen.provincieantwerpen.example"
    settings.ALLOWED_HOSTS = ["testserver", "intern.proxy.example"]


def _links() -> list[str]:
    links = [link for message in mail.outbox for link in re.findall(r"https?://\S+", message.body)]
    assert links, "the mails contain links"
    return links


def _assert_all_on_site_url(settings) -> None:
    wrong = [link for link in _links() if not link.startswith(settings.SITE_URL + "/")]
    assert wrong == []


def test_biodiva_sign_up_mails_link_to_site_url(client, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/biodiva/signup/", SIGNUP, **OTHER_HOST)
    with django_capture_on_commit_callbacks(execute=True):  # the address is taken: the owner is told
        client.post("/biodiva/signup/", SIGNUP, **OTHER_HOST)

    assert len(mail.outbox) == 2
    _assert_all_on_site_url(settings)


def test_password_reset_mail_links_to_site_url(client, settings):
    UserFactory(email="an@example.org")

    client.post("/accounts/password_reset/", {"email": "an@example.org"}, **OTHER_HOST)

    assert len(mail.outbox) == 1
    _assert_all_on_site_url(settings)


def test_meeting_registration_mail_links_to_site_url(client, settings, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(meeting.get_absolute_url(), registration_data(), **OTHER_HOST)

    assert len(mail.outbox) == 1
    _assert_all_on_site_url(settings)


def test_advice_mails_link_to_site_url(settings):
    build_message(advice_request=AdviceRequestFactory(), kind="received").send()

    _assert_all_on_site_url(settings)
