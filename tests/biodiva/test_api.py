"""The API: the questionnaire, own sites, scans, answers, results and action plan."""

import pytest
from django.contrib.auth.models import Group

from biodiva.constants import ADVISORS_GROUP
from biodiva.models import ActionPlanItem, Scan

from .factories import BOOM, CompanyFactory
from .test_scoring import ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, company_user):
    client.force_login(company_user)
    return client


def test_questionnaire_is_public_with_themes_questions_and_conditions(client, questionnaire):
    versions = client.get("/api/v1/biodiva/questionnaires/").json()["results"]
    assert [v["number"] for v in versions] == [1]
    detail = client.get("/api/v1/biodiva/questionnaires/1/").json()
    assert len(detail["themes"]) == 10
    questions = [q for t in detail["themes"] for q in t["questions"]]
    assert 25 <= len(questions) <= 40
    banks = next(q for q in questions if q["code"] == "pond_natural_banks")
    assert (banks["condition_question"], banks["condition_values"]) == ("has_pond", ["yes"])


def test_unpublished_version_is_not_served(client, questionnaire):
    questionnaire.published = False
    questionnaire.save()
    assert client.get("/api/v1/biodiva/questionnaires/1/").status_code == 404


def test_create_site_finds_region_and_refuses_other_companies(api, company, regions):
    data = {"company": company.pk, "name": "API-site", "address": "Boom", "surface_m2": 500}
    data |= {"sector": "services", "activity": "office"} | BOOM
    response = api.post("/api/v1/biodiva/sites/", data, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["region"] == "rupel-zenne-dijle"
    foreign = CompanyFactory()
    response = api.post(
        "/api/v1/biodiva/sites/", data | {"company": foreign.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "company" in response.json()


def test_a_site_sent_twice_is_created_once_and_the_second_answer_says_so(api, company, regions):
    """The double-submit protection (services.add_site) answers the site made the first time: 201
    only when a site was created, 200 with that same site when the repeat added nothing."""
    from biodiva.models import Site

    data = {"company": company.pk, "name": "API-site", "address": "Boom", "surface_m2": 500}
    data |= {"sector": "services", "activity": "office"} | BOOM
    created = api.post("/api/v1/biodiva/sites/", data, content_type="application/json")
    again = api.post("/api/v1/biodiva/sites/", data, content_type="application/json")

    assert created.status_code == 201, created.json()
    assert again.status_code == 200, again.json()
    assert again.json() == created.json()
    assert Site.objects.filter(company=company).count() == 1
    other = api.post("/api/v1/biodiva/sites/", data | {"surface_m2": 600}, content_type="application/json")
    assert other.status_code == 400 and "name" in other.json()


def test_the_schema_says_a_repeated_site_is_answered_with_200():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    responses = schema["paths"]["/api/v1/biodiva/sites/"]["post"]["responses"]
    assert set(responses) >= {"200", "201"}
    assert "200" in schema["paths"]["/api/v1/biodiva/sites/"]["post"]["description"]


def test_site_outside_the_province_is_a_field_error(api, company, regions):
    data = {"company": company.pk, "name": "Brussel", "address": "x", "surface_m2": 5, "latitude": 50.85}
    data |= {"longitude": 4.35, "sector": "services", "activity": "office"}
    response = api.post("/api/v1/biodiva/sites/", data, content_type="application/json")
    assert response.status_code == 400
    assert "latitude" in response.json()


def test_scan_answers_complete_and_result(api, site, questionnaire):
    scan_id = api.post("/api/v1/biodiva/scans/", {"site": site.pk}, content_type="application/json").json()[
        "id"
    ]
    url = f"/api/v1/biodiva/scans/{scan_id}/"
    bad = api.post(
        url + "answers/", {"question": "unpaved_pct", "value": 120}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "value" in bad.json()
    unknown = api.post(url + "answers/", {"question": "nope", "value": 1}, content_type="application/json")
    assert unknown.status_code == 400 and "question" in unknown.json()
    incomplete = api.post(url + "complete/")
    assert incomplete.status_code == 400
    for code, value in ANSWERS.items():
        response = api.post(
            url + "answers/", {"question": code, "value": value}, content_type="application/json"
        )
        assert response.status_code == 200, (code, response.json())
    assert len(api.get(url + "answers/").json()) == len(ANSWERS)
    assert api.get(url + "result/").status_code == 404
    assert api.post(url + "complete/").json()["overall"] == 47.6
    result = api.get(url + "result/").json()
    assert result["level"] == 3
    assert {t["code"]: t["score"] for t in result["theme_scores"]}["connections"] == 20.0
    late = api.post(
        url + "answers/", {"question": "unpaved_pct", "value": 90}, content_type="application/json"
    )
    assert late.status_code == 400


def test_starting_a_scan_twice_resumes_the_open_one(api, site, questionnaire):
    first = api.post("/api/v1/biodiva/scans/", {"site": site.pk}, content_type="application/json").json()
    second = api.post("/api/v1/biodiva/scans/", {"site": site.pk}, content_type="application/json").json()
    assert first["id"] == second["id"]
    assert Scan.objects.count() == 1


def test_action_plan_crud(api, site):
    from tests.landscapes.factories import MeasureFactory

    MeasureFactory(slug="hedgerow")
    data = {"site": site.pk, "measure": "hedgerow", "owner": "An", "target_date": "2027-01-15"}
    created = api.post("/api/v1/biodiva/action-plan/", data, content_type="application/json")
    assert created.status_code == 201
    twice = api.post("/api/v1/biodiva/action-plan/", data, content_type="application/json")
    assert twice.status_code == 200 and twice.json()["id"] == created.json()["id"]
    item_url = f"/api/v1/biodiva/action-plan/{created.json()['id']}/"
    done = api.patch(item_url, {"done": True}, content_type="application/json").json()
    assert done["done"] is True and done["done_at"]
    MeasureFactory(slug="pond")
    swap = api.patch(item_url, {"measure": "pond"}, content_type="application/json")
    assert swap.status_code == 400 and "measure" in swap.json()
    assert api.delete(item_url).status_code == 204
    assert not ActionPlanItem.objects.exists()


def test_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/biodiva/sites/",
        "/api/v1/biodiva/scans/{id}/answers/",
        "/api/v1/biodiva/action-plan/",
    ):
        assert path in schema


def test_filters_do_not_reveal_other_companies_objects(api, site, questionnaire):
    from .factories import SiteFactory

    foreign = SiteFactory()
    api.post("/api/v1/biodiva/scans/", {"site": site.pk}, content_type="application/json")
    assert len(api.get(f"/api/v1/biodiva/scans/?site={site.pk}").json()["results"]) == 1
    for url in (f"/api/v1/biodiva/scans/?site={foreign.pk}", "/api/v1/biodiva/scans/?site=999999"):
        response = api.get(url)
        assert (response.status_code, response.json()["results"]) == (200, [])
    assert api.get("/api/v1/biodiva/scans/?status=completed").json()["results"] == []


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("grass_management", ["lawn"]),
        ("grass_management", {"code": "lawn"}),
        ("nest_places", [["swift"]]),
        ("nest_places", "swift"),
        ("unpaved_pct", "NaN"),
        ("unpaved_pct", "Infinity"),
        ("remarks", {"text": "hello"}),
    ],
)
def test_answer_of_the_wrong_shape_is_a_field_error_and_stores_nothing(api, site, questionnaire, code, value):
    scan_id = api.post("/api/v1/biodiva/scans/", {"site": site.pk}, content_type="application/json").json()[
        "id"
    ]
    response = api.post(
        f"/api/v1/biodiva/scans/{scan_id}/answers/",
        {"question": code, "value": value},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "value" in response.json()
    assert api.get(f"/api/v1/biodiva/scans/{scan_id}/answers/").json() == []


def test_a_site_cannot_move_to_another_company_of_the_same_user(api, company_user, site, regions):
    advised = CompanyFactory(name="Geadviseerd bedrijf")
    advised.advisors.add(company_user)
    company_user.groups.add(Group.objects.get(name=ADVISORS_GROUP))
    response = api.patch(
        f"/api/v1/biodiva/sites/{site.pk}/", {"company": advised.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "verhuizen" in response.json()["company"][0]
    site.refresh_from_db()
    assert site.company.name == "Steenbakkerij Alfa"
