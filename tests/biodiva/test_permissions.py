"""Company A can never read or change company B's data, by page or API; advisors see only theirs;
staff of another app (``is_staff``, like the meetings organisers) see nothing of BIODIVA."""

import pytest

from biodiva.models import ActionPlanItem, Answer, Scan, Site
from biodiva.services import add_to_plan
from tests.landscapes.factories import MeasureFactory

from .factories import CompanyFactory, SiteFactory, UserFactory, trained_advisor
from .helpers import fill_in_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(questionnaire, client):
    """Company B with a site, a completed and a half-finished scan and an action plan item."""
    bob = UserFactory(username="bob")
    company = CompanyFactory(name="Bedrijf B", members=[bob])
    site = SiteFactory(company=company, name="Site B")
    client.force_login(bob)
    client.post(f"/biodiva/sites/{site.pk}/scan/")
    completed = Scan.objects.get(site=site)
    fill_in_scan(client, completed)
    client.post(f"/biodiva/sites/{site.pk}/scan/")
    open_scan = Scan.objects.get(site=site, status=Scan.Status.IN_PROGRESS)
    item = add_to_plan(site=site, measure=MeasureFactory(slug="pond"), owner="Bob")
    client.logout()
    return {"company": company, "site": site, "completed": completed, "open": open_scan, "item": item}


PAGES = [
    "/biodiva/companies/{company}/sites/new/",
    "/biodiva/sites/{site}/",
    "/biodiva/sites/{site}/edit/",
    "/biodiva/sites/{site}/delete/",
    "/biodiva/scans/{open}/step/1/",
    "/biodiva/scans/{completed}/",
    "/biodiva/scans/{completed}/report.pdf",
    "/api/v1/biodiva/sites/{site}/",
    "/api/v1/biodiva/scans/{completed}/",
    "/api/v1/biodiva/scans/{completed}/result/",
    "/api/v1/biodiva/action-plan/{item}/",
]

WRITES = [
    ("post", "/biodiva/companies/{company}/sites/new/", {"name": "x"}),
    ("post", "/biodiva/sites/{site}/edit/", {"name": "Stolen"}),
    ("post", "/biodiva/sites/{site}/delete/", {}),
    ("post", "/biodiva/sites/{site}/scan/", {}),
    ("post", "/biodiva/scans/{open}/step/1/", {"action": "next", "q_unpaved_pct": "1"}),
    ("post", "/biodiva/scans/{completed}/plan/", {"measure": "pond"}),
    ("post", "/biodiva/plan/{item}/", {"item{item}-owner": "Mallory", "item{item}-done": "on"}),
    ("post", "/biodiva/plan/{item}/delete/", {}),
    ("patch", "/api/v1/biodiva/sites/{site}/", {"name": "Stolen"}),
    ("delete", "/api/v1/biodiva/sites/{site}/", {}),
    ("post", "/api/v1/biodiva/scans/{open}/complete/", {}),
    ("post", "/api/v1/biodiva/scans/{open}/answers/", {"question": "unpaved_pct", "value": 1}),
    ("patch", "/api/v1/biodiva/action-plan/{item}/", {"done": True}),
    ("delete", "/api/v1/biodiva/action-plan/{item}/", {}),
]


def _url(template: str, other: dict) -> str:
    ids = {k: v.pk for k, v in other.items()}
    return template.format(**ids)


def _state(other) -> tuple:
    site = Site.objects.get(pk=other["site"].pk)
    item = ActionPlanItem.objects.filter(pk=other["item"].pk).values_list("owner", "done").first()
    return (
        site.name,
        Scan.objects.filter(site=site).count(),
        Scan.objects.get(pk=other["open"].pk).status,
        Answer.objects.filter(scan=other["open"]).count(),
        item,
    )


@pytest.fixture
def outsiders(company_user, company) -> dict:
    """Company A's member, and an organiser of meetings who is staff (like ``demo-organiser``)."""
    from meetings.constants import ORGANISERS_GROUP

    organiser = UserFactory(username="organiser", is_staff=True, groups=[ORGANISERS_GROUP])
    return {"company A": company_user, "meetings organiser (staff)": organiser}


WHO = ["company A", "meetings organiser (staff)"]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("template", PAGES)
def test_outsiders_cannot_read_company_b(client, outsiders, other, template, who):
    client.force_login(outsiders[who])
    assert client.get(_url(template, other)).status_code == 404


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("method", "template", "data"), WRITES)
def test_outsiders_cannot_change_company_b(client, outsiders, other, method, template, data, who):
    client.force_login(outsiders[who])
    before = _state(other)
    data = {k.format(item=other["item"].pk): v for k, v in data.items()}
    url = _url(template, other)
    if url.startswith("/biodiva/"):
        response = client.post(url, data)
    else:
        response = getattr(client, method)(url, data, content_type="application/json")
    assert response.status_code == 404
    assert _state(other) == before


def test_lists_hold_only_own_data(client, company_user, site, other):
    client.force_login(company_user)
    assert "Site B" not in client.get("/biodiva/").content.decode()
    sites = client.get("/api/v1/biodiva/sites/").json()["results"]
    assert [s["name"] for s in sites] == [site.name]
    assert client.get("/api/v1/biodiva/scans/").json()["results"] == []
    assert client.get("/api/v1/biodiva/action-plan/").json()["results"] == []


@pytest.mark.parametrize("template", ["/biodiva/sites/{site}/", "/api/v1/biodiva/sites/{site}/"])
def test_anonymous_visitors_see_nothing(client, other, template):
    response = client.get(_url(template, other))
    assert response.status_code in (302, 401, 403)


def test_advisor_sees_and_helps_the_companies_they_advise_only(client, other, site):
    advisor = trained_advisor()
    other["company"].advisors.add(advisor)
    client.force_login(advisor)
    assert client.get(f"/biodiva/sites/{other['site'].pk}/").status_code == 200
    assert client.get(f"/biodiva/scans/{other['open'].pk}/step/1/").status_code == 200
    assert client.get(f"/biodiva/sites/{site.pk}/").status_code == 404
    assert [s["name"] for s in client.get("/api/v1/biodiva/sites/").json()["results"]] == ["Site B"]


def test_advisor_cannot_delete_the_companies_sites(client, other):
    advisor = trained_advisor()
    other["company"].advisors.add(advisor)
    client.force_login(advisor)
    site = other["site"]
    assert "Delete site" not in client.get(f"/en/biodiva/sites/{site.pk}/").content.decode()
    assert client.post(f"/biodiva/sites/{site.pk}/delete/").status_code == 403
    assert client.delete(f"/api/v1/biodiva/sites/{site.pk}/").status_code == 403
    assert Site.objects.filter(pk=site.pk).exists()


def test_biodiva_staff_see_everything_and_the_overview(client, other, site):
    from biodiva.constants import STAFF_GROUP

    client.force_login(UserFactory(username="biodiva-staff", groups=[STAFF_GROUP]))
    assert client.get(f"/biodiva/sites/{other['site'].pk}/").status_code == 200
    assert client.get("/biodiva/overview/").status_code == 200
    names = [s["name"] for s in client.get("/api/v1/biodiva/sites/").json()["results"]]
    assert sorted(names) == sorted([site.name, "Site B"])


def test_staff_of_another_app_lists_no_companies(client, outsiders, other):
    client.force_login(outsiders["meetings organiser (staff)"])
    assert "Site B" not in client.get("/biodiva/").content.decode()
    assert client.get("/api/v1/biodiva/sites/").json()["results"] == []
    assert client.get("/api/v1/biodiva/scans/").json()["results"] == []


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("url", ["/biodiva/overview/", "/biodiva/overview.csv"])
def test_overview_is_for_biodiva_staff_only(client, outsiders, url, who):
    client.force_login(outsiders[who])
    assert client.get(url).status_code == 403


def test_admin_offers_only_trained_advisors(client, company):
    from django.contrib.auth.models import Group

    from biodiva.constants import ADVISORS_GROUP

    trained = UserFactory(username="getraind")
    trained.groups.add(Group.objects.get(name=ADVISORS_GROUP))
    UserFactory(username="leek")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    form = client.get(f"/admin/biodiva/company/{company.pk}/change/").context["adminform"].form
    assert [u.username for u in form.fields["advisors"].queryset] == ["getraind"]


def test_advisor_who_leaves_the_trained_advisors_loses_access(client, other):
    advisor = trained_advisor()
    other["company"].advisors.add(advisor)
    advisor.groups.clear()
    client.force_login(advisor)
    assert client.get(f"/biodiva/sites/{other['site'].pk}/").status_code == 404
    assert client.get(f"/biodiva/scans/{other['open'].pk}/step/1/").status_code == 404
    assert client.get("/api/v1/biodiva/sites/").json()["results"] == []
