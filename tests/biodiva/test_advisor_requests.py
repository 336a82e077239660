"""Advisors on request: the company asks, BIODIVA staff assign, the advisor follows the company and
keeps private notes, the company ends it. Each role is tried on each page."""

import pytest
from django.contrib.auth.models import Group

from biodiva.constants import STAFF_GROUP
from biodiva.models import ActionPlanItem, AdvisorNote, AdvisorRequest, Question, Scan
from biodiva.services import complete_scan, request_advisor, save_answers, start_scan
from tests.landscapes.factories import MeasureFactory

from .factories import CompanyFactory, SiteFactory, UserFactory, trained_advisor
from .test_scoring import ANSWERS

pytestmark = pytest.mark.django_db


def _complete(site, overall: float | None = None) -> Scan:
    scan = start_scan(site=site, user=None)
    questions = {q.code: q for q in Question.objects.filter(theme__version=scan.version)}
    save_answers(scan=scan, values={questions[c]: v for c, v in ANSWERS.items()})
    result = complete_scan(scan=scan)
    if overall is not None:
        result.overall, result.level = overall, 1 + int(overall // 20)
        result.save()
    scan.refresh_from_db()
    return scan


@pytest.fixture
def scan(questionnaire, site):
    return _complete(site)


@pytest.fixture
def staff_user():
    user = UserFactory(username="biodiva-staff")
    user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])
    return user


def _ask(client, scan, message="Help met een poel"):
    return client.post(f"/biodiva/scans/{scan.pk}/advisor-request/", {"message": message})


# The company asks --------------------------------------------------------------------------------


def test_a_member_asks_from_the_result_page_and_sees_it_is_waiting(client, company_user, scan):
    client.force_login(company_user)
    page = client.get(f"/biodiva/scans/{scan.pk}/").content.decode()
    assert f'action="/biodiva/scans/{scan.pk}/advisor-request/"' in page
    response = _ask(client, scan)
    assert response.status_code == 302
    request = AdvisorRequest.objects.get()
    assert (request.company, request.scan, request.status) == (scan.site.company, scan, "open")
    assert request.message == "Help met een poel"
    page = client.get(f"/biodiva/scans/{scan.pk}/").content.decode()
    assert "De provincie zoekt er een voor je" in page and "advisor-request/" not in page


def test_asking_twice_keeps_one_request_and_says_why(client, company_user, scan):
    client.force_login(company_user)
    _ask(client, scan)
    response = _ask(client, scan, message="nog eens")
    assert AdvisorRequest.objects.count() == 1
    assert "al een adviseur gevraagd" in client.get(response["Location"]).content.decode()


def test_a_message_that_is_too_long_is_refused(client, company_user, scan):
    client.force_login(company_user)
    response = _ask(client, scan, message="x" * 2001)
    assert not AdvisorRequest.objects.exists()
    assert "2000" in client.get(response["Location"]).content.decode()


def test_only_members_may_ask(client, scan):
    advisor = trained_advisor()
    scan.site.company.advisors.add(advisor)
    client.force_login(advisor)
    assert _ask(client, scan).status_code == 403  # sees the company, but is not a member
    client.force_login(UserFactory(username="stranger"))
    assert _ask(client, scan).status_code == 404
    client.logout()
    assert _ask(client, scan).status_code == 302 and not AdvisorRequest.objects.exists()


def test_a_scan_in_progress_cannot_be_used_to_ask(client, company_user, questionnaire, site):
    scan = start_scan(site=site, user=company_user)
    client.force_login(company_user)
    assert _ask(client, scan).status_code == 404


def test_the_request_is_only_made_from_a_completed_scan_of_the_company(company_user, questionnaire, site):
    other = _complete(SiteFactory(company=CompanyFactory()))
    with pytest.raises(Exception) as refused:
        request_advisor(company=site.company, scan=other, user=company_user)
    assert refused.value.code == "scan"


# Staff assign ------------------------------------------------------------------------------------


def test_biodiva_staff_see_the_requests_and_assign_a_trained_advisor(client, company_user, scan, staff_user):
    advisor = trained_advisor("pieter")
    request_advisor(company=scan.site.company, scan=scan, user=company_user, message="Help")
    client.force_login(staff_user)
    page = client.get("/biodiva/staff/advisor-requests/").content.decode()
    assert "Steenbakkerij Alfa" in page and "Help" in page and f'value="{advisor.pk}"' in page
    pk = AdvisorRequest.objects.get().pk
    response = client.post(f"/biodiva/staff/advisor-requests/{pk}/assign/", {f"r{pk}-advisor": advisor.pk})
    assert response.status_code == 302
    request = AdvisorRequest.objects.get()
    assert (request.status, request.advisor, request.assigned_by) == ("assigned", advisor, staff_user)
    assert list(scan.site.company.advisors.all()) == [advisor]


def test_staff_cannot_assign_someone_who_is_not_a_trained_advisor(client, company_user, scan, staff_user):
    request_advisor(company=scan.site.company, scan=scan, user=company_user)
    pk = AdvisorRequest.objects.get().pk
    client.force_login(staff_user)
    client.post(f"/biodiva/staff/advisor-requests/{pk}/assign/", {f"r{pk}-advisor": company_user.pk})
    assert AdvisorRequest.objects.get().status == "open"
    assert not scan.site.company.advisors.exists()


def test_an_assigned_request_is_not_assigned_again(client, company_user, scan, staff_user):
    first, second = trained_advisor("een"), trained_advisor("twee")
    request_advisor(company=scan.site.company, scan=scan, user=company_user)
    pk = AdvisorRequest.objects.get().pk
    client.force_login(staff_user)
    client.post(f"/biodiva/staff/advisor-requests/{pk}/assign/", {f"r{pk}-advisor": first.pk})
    client.post(f"/biodiva/staff/advisor-requests/{pk}/assign/", {f"r{pk}-advisor": second.pk})
    assert list(scan.site.company.advisors.all()) == [first]


@pytest.mark.parametrize("who", ["any-staff", "advisor", "member"])
def test_only_the_biodiva_staff_group_sees_and_assigns_requests(client, company_user, scan, who):
    advisor = trained_advisor()
    users = {
        "any-staff": UserFactory(username="organiser", is_staff=True),
        "advisor": advisor,
        "member": company_user,
    }
    request_advisor(company=scan.site.company, scan=scan, user=company_user)
    pk = AdvisorRequest.objects.get().pk
    client.force_login(users[who])
    assert client.get("/biodiva/staff/advisor-requests/").status_code == 403
    response = client.post(f"/biodiva/staff/advisor-requests/{pk}/assign/", {f"r{pk}-advisor": advisor.pk})
    assert response.status_code == 403
    assert AdvisorRequest.objects.get().status == "open"


def test_anonymous_visitors_log_in_first(client):
    for url in ("/biodiva/staff/advisor-requests/", "/biodiva/advisor/", "/biodiva/companies/1/advisors/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


# The advisor --------------------------------------------------------------------------------------


@pytest.fixture
def advised(questionnaire, company, site):
    """A company with two completed scans (40, then 55) and one of two actions done, and its advisor."""
    _complete(site, overall=40)
    _complete(site, overall=55)
    ActionPlanItem.objects.create(site=site, measure=MeasureFactory(), done=True)
    ActionPlanItem.objects.create(site=site, measure=MeasureFactory())
    advisor = trained_advisor("pieter")
    company.advisors.add(advisor)
    return advisor


def test_the_advisor_sees_each_company_with_ladder_step_trend_and_plan_progress(client, advised):
    client.force_login(advised)
    page = client.get("/en/biodiva/advisor/").content.decode()
    assert "Steenbakkerij Alfa" in page
    assert "40 → 55 (+15)" in page
    assert "3/5" in page  # 55 is on the third step
    assert "1 of 2 actions done" in page


def test_the_advisor_keeps_notes_nobody_else_reads(client, advised, company, company_user):
    client.force_login(advised)
    url = f"/biodiva/advisor/companies/{company.pk}/"
    response = client.post(url, {"text": "Zaakvoerder wil een poel, budget pas in 2027."})
    assert response.status_code == 302
    assert "budget pas in 2027" in client.get(url).content.decode()
    other = trained_advisor("tweede")
    company.advisors.add(other)
    client.force_login(other)
    assert "budget pas in 2027" not in client.get(url).content.decode()
    client.force_login(company_user)
    assert client.get(url).status_code == 403
    for page in (
        "/biodiva/",
        f"/biodiva/companies/{company.pk}/advisors/",
        f"/biodiva/sites/{company.sites.get().pk}/",
    ):
        assert "budget pas in 2027" not in client.get(page).content.decode()


def test_an_empty_note_is_refused_with_a_message(client, advised, company):
    client.force_login(advised)
    response = client.post(f"/biodiva/advisor/companies/{company.pk}/", {"text": "   "})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert not AdvisorNote.objects.exists()


def test_an_advisor_cannot_open_a_company_they_do_not_advise(client, company):
    client.force_login(trained_advisor("vreemde"))
    assert client.get(f"/biodiva/advisor/companies/{company.pk}/").status_code == 403
    client.force_login(UserFactory(username="no-advisor"))
    assert client.get("/biodiva/advisor/").status_code == 403


# The company sees and ends --------------------------------------------------------------------------


def test_the_company_sees_its_advisor_and_ends_the_advice(client, advised, company, company_user, site):
    AdvisorRequest.objects.create(company=company, status="assigned", advisor=advised)
    client.force_login(company_user)
    page = client.get(f"/biodiva/companies/{company.pk}/advisors/").content.decode()
    assert "pieter" in page
    response = client.post(f"/biodiva/companies/{company.pk}/advisors/{advised.pk}/end/")
    assert response.status_code == 302
    assert not company.advisors.exists()
    assert AdvisorRequest.objects.get().status == "ended"
    client.force_login(advised)
    assert client.get(f"/biodiva/sites/{site.pk}/").status_code == 404
    assert client.get(f"/biodiva/advisor/companies/{company.pk}/").status_code == 403


def test_the_advisor_cannot_end_it_for_the_company(client, advised, company):
    client.force_login(advised)
    assert client.post(f"/biodiva/companies/{company.pk}/advisors/{advised.pk}/end/").status_code == 403
    assert company.advisors.filter(pk=advised.pk).exists()
