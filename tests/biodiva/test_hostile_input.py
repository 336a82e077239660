"""Hostile input to BIODIVA: NUL bytes in text answers, e-mail addresses longer than the login
column, dates beyond the calendar; services' refusals reach the API as field errors. Each answers
4xx or a form error naming the field, and nothing is half-saved."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from biodiva.models import ActionPlanItem, Answer, Company
from biodiva.questionnaire import themes_of
from biodiva.services import start_scan
from tests.landscapes.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scan(site, company_user, questionnaire):
    return start_scan(site=site, user=company_user)


@pytest.fixture
def logged_in(client, company_user):
    client.force_login(company_user)
    return client


def test_a_nul_byte_in_a_text_answer_through_the_api_names_the_value(logged_in, scan):
    response = logged_in.post(
        f"/api/v1/biodiva/scans/{scan.pk}/answers/",
        {"question": "remarks", "value": "mooi\x00terrein"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["value"]
    assert not Answer.objects.exists()


def test_a_nul_byte_in_a_text_answer_on_the_scan_page_names_the_field(logged_in, scan):
    from biodiva.forms import field_name

    themes = list(themes_of(version=scan.version))
    last = themes[-1]
    remarks = last.questions.get(code="remarks")
    response = logged_in.post(
        f"/biodiva/scans/{scan.pk}/step/{len(themes)}/",
        {"action": "stop", field_name(remarks): "mooi\x00terrein"},
    )
    assert response.status_code == 400
    assert field_name(remarks) in response.content.decode()
    assert not Answer.objects.exists()


def test_a_service_refusal_reaches_the_api_as_a_field_error(logged_in, scan):
    response = logged_in.post(f"/api/v1/biodiva/scans/{scan.pk}/complete/")
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert response.json()["non_field_errors"][0]


def test_an_e_mail_address_longer_than_the_login_column_is_a_form_error(client):
    email = "a" * 64 + "@" + "b" * 60 + "." + "c" * 40 + ".be"  # 169 characters: valid, over 150
    response = client.post(
        "/biodiva/signup/",
        {
            "company_name": "Boomse Bouw",
            "email": email,
            "password1": "ruig-Grasland-42",
            "password2": "ruig-Grasland-42",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not get_user_model().objects.filter(email=email).exists()
    assert not Company.objects.exists()


def test_an_action_plan_date_beyond_the_calendar_answers_400_naming_it(logged_in, site):
    MeasureFactory(slug="hedgerow")
    response = logged_in.post(
        "/api/v1/biodiva/action-plan/",
        {"site": site.pk, "measure": "hedgerow", "target_date": "9999-12-31"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["target_date"]
    assert not ActionPlanItem.objects.exists()


def test_a_plan_item_form_date_beyond_the_calendar_is_refused(logged_in, site):
    item = ActionPlanItem.objects.create(site=site, measure=MeasureFactory(slug="pond"))
    response = logged_in.post(
        reverse("biodiva:plan-item-update", args=[item.pk]),
        {f"item{item.pk}-owner": "An", f"item{item.pk}-target_date": "9999-12-31"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.target_date is None and item.owner == ""


SIGNUP = {
    "company_name": "Kaper BV",
    "email": "slachtoffer@example.org",
    "password1": "kaper-Wachtwoord-9",
    "password2": "kaper-Wachtwoord-9",
}


def test_signing_up_with_someone_elses_address_changes_nothing_and_reveals_nothing(client):
    from tests.factories import UserFactory

    owner = UserFactory(username="slachtoffer@example.org", email="slachtoffer@example.org")
    taken = client.post("/en/biodiva/signup/", SIGNUP)
    fresh = client.post("/en/biodiva/signup/", SIGNUP | {"email": "nieuw@example.org"})
    assert taken.status_code == fresh.status_code == 302 and taken.url == fresh.url
    owner.refresh_from_db()
    assert not owner.check_password(SIGNUP["password1"])
    assert not Company.objects.filter(members=owner).exists()


def test_a_new_x_forwarded_for_per_sign_up_does_not_escape_the_limit(client, settings):
    settings.BIODIVA_SIGNUP_RATE = "2/hour"
    answers = [
        client.post(
            "/en/biodiva/signup/",
            SIGNUP | {"email": f"b{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 429]


def test_a_double_submitted_site_form_makes_one_site(logged_in, regions, company, site):
    from .factories import BOOM

    data = {
        "name": "Tweede werf",
        "address": "Kerkstraat 2, 2850 Boom",
        "surface_m2": 500,
        "sector": "industry",
        "activity": "office",
        **BOOM,
    }
    url = f"/en/biodiva/companies/{company.pk}/sites/new/"
    first = logged_in.post(url, data)
    again = logged_in.post(url, data)
    assert first.status_code == again.status_code == 302
    assert again.url == first.url  # the second click leads to the site the first one made
    assert company.sites.filter(name="Tweede werf").count() == 1


def test_a_second_new_scan_request_resumes_the_open_scan(logged_in, site, questionnaire):
    url = reverse("biodiva:scan-start", args=[site.pk])
    first, second = logged_in.post(url), logged_in.post(url)
    assert first.url == second.url
    assert site.scans.count() == 1


def test_a_line_break_in_the_company_name_at_sign_up_is_a_field_error(client):
    data = {"company_name": "Boomse\r\nBcc: x@example.org", "email": "info@boomse-bouw.example"}
    response = client.post(
        "/en/biodiva/signup/", data | {"password1": "ruig-Grasland-42", "password2": "ruig-Grasland-42"}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["company_name"] == ["Enter this on one line, without line breaks."]
    assert not Company.objects.exists()


@pytest.mark.parametrize("field", ["name", "address"])
def test_a_line_break_in_a_site_name_or_address_is_a_field_error_on_the_page_and_the_api(
    logged_in, company, regions, field
):
    from biodiva.models import Site
    from tests.biodiva.test_site_location import site_post

    value = "Depot\nBcc: x@example.org"
    response = logged_in.post(f"/biodiva/companies/{company.pk}/sites/new/", site_post(**{field: value}))
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    data = {"company": company.pk, "name": "API-site", "address": "Boom", "surface_m2": 500}
    data |= {"sector": "services", "activity": "office", "longitude": 4.3665, "latitude": 51.0875}
    api = logged_in.post("/api/v1/biodiva/sites/", data | {field: value}, content_type="application/json")
    assert api.status_code == 400 and field in api.json()
    assert not Site.objects.filter(company=company).exists()
