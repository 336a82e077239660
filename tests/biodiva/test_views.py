"""The pages: sites, filling in the scan step by step, resuming, the result, the PDF and the plan."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from biodiva.models import ActionPlanItem, Answer, Scan, Site
from biodiva.questionnaire import themes_of
from biodiva.services import complete_scan, save_answers
from tests.pdf_checks import assert_accessible_pdf

from .factories import BOOM
from .helpers import fill_in_scan, step_data
from .test_scoring import ANSWERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, company_user):
    client.force_login(company_user)
    return client


def test_visitor_sees_the_introduction_in_dutch_and_english(client):
    dutch = client.get("/biodiva/").content.decode()
    assert "Een bedrijfsaccount aanmaken" in dutch
    assert 'href="/biodiva/signup/"' in dutch
    assert "Create a company account" in client.get("/en/biodiva/").content.decode()


def test_dashboard_lists_own_company_and_sites(logged_in, site):
    response = logged_in.get("/en/biodiva/")
    assert "Steenbakkerij Alfa" in response.content.decode()
    assert "Werf Boom" in response.content.decode()


def test_dashboard_shows_the_latest_score_while_the_next_scan_is_in_progress(
    logged_in, boom_site, questionnaire
):
    scan = _completed(boom_site, logged_in)
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    html = logged_in.get("/en/biodiva/").content.decode()
    assert f"Latest score {scan.result.overall:.0f}/100" in html
    assert "Scan in progress, at step 1." in html


def site_post(**overrides):
    data = {
        "name": "Depot Boom",
        "address": "Kapelstraat 5, 2850 Boom",
        "latitude": BOOM["latitude"],
        "longitude": BOOM["longitude"],
        "surface_m2": 12000,
        "sector": "logistics",
        "activity": "warehouse",
    }
    return data | overrides


def test_new_site_in_boom_gets_its_region(logged_in, company, regions):
    response = logged_in.post(f"/biodiva/companies/{company.pk}/sites/new/", site_post())
    site = Site.objects.get(name="Depot Boom")
    assert response.status_code == 302
    assert site.region.slug == "rupel-zenne-dijle"


def test_a_site_outside_the_province_gets_the_same_reason_from_the_page_and_the_api(
    logged_in, company, regions
):
    """One "inside the province" rule (landscapes.selectors.region_in_province) for the form and the API."""
    from html import unescape

    outside = site_post(latitude=50.85, longitude=4.35)
    page = logged_in.post(f"/biodiva/companies/{company.pk}/sites/new/", outside)
    api = logged_in.post(
        "/api/v1/biodiva/sites/", outside | {"company": company.pk}, content_type="application/json"
    )

    assert api.status_code == 400
    [reason] = api.json()["latitude"]
    assert reason.startswith("Deze locatie ligt niet in een van de regio's van de provincie Antwerpen.")
    assert reason.endswith("duid de plek aan op de kaart.") and reason in unescape(page.content.decode())
    assert not Site.objects.exists()


def test_site_outside_the_province_is_refused_and_the_input_kept(logged_in, company, regions):
    response = logged_in.post(
        f"/en/biodiva/companies/{company.pk}/sites/new/", site_post(latitude=50.85, longitude=4.35)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "not in one of the regions" in html
    assert 'value="Kapelstraat 5, 2850 Boom"' in html
    assert not Site.objects.filter(name="Depot Boom").exists()


def test_impossible_coordinates_are_errors_on_the_fields(logged_in, company, regions):
    response = logged_in.post(f"/en/biodiva/companies/{company.pk}/sites/new/", site_post(latitude=95))
    assert response.status_code == 200
    assert response.context["form"].errors["latitude"]


def test_site_form_has_the_map_and_plain_inputs(logged_in, company, regions):
    html = logged_in.get(f"/biodiva/companies/{company.pk}/sites/new/").content.decode()
    assert "data-location-picker" in html
    assert "leaflet/leaflet" in html
    assert 'name="latitude"' in html and 'name="longitude"' in html


def test_edit_and_delete_site(logged_in, boom_site):
    response = logged_in.post(f"/biodiva/sites/{boom_site.pk}/edit/", site_post(name="Werf Boom-Noord"))
    assert response.status_code == 302
    boom_site.refresh_from_db()
    assert boom_site.name == "Werf Boom-Noord"
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/delete/")
    assert not Site.objects.filter(pk=boom_site.pk).exists()


def test_whole_scan_through_the_pages(logged_in, boom_site, questionnaire, rupel_measures):
    response = logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get(site=boom_site)
    assert response.url == f"/biodiva/scans/{scan.pk}/step/1/"
    response = fill_in_scan(logged_in, scan)
    assert response.url == f"/biodiva/scans/{scan.pk}/"
    scan.refresh_from_db()
    assert scan.status == Scan.Status.COMPLETED
    assert scan.result.overall == 47.6
    html = logged_in.get(f"/en/biodiva/scans/{scan.pk}/").content.decode()
    assert ">48<" in html
    assert "Acting" in html  # level 3 of the ladder
    assert "12.4 more points" in html
    # opportunities of the region, best benefit first, with the target species
    opportunities = [
        o.measure.slug for o in logged_in.get(f"/biodiva/scans/{scan.pk}/").context["report"].opportunities
    ]
    assert opportunities == ["hedgerow", "pond", "green_roof"]
    assert "great crested newt" in html


def test_step_shows_progress_and_theme(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    html = logged_in.get(f"/en/biodiva/scans/{scan.pk}/step/2/").content.decode()
    assert "Step 2 of 10" in html
    assert "<progress" in html
    assert "Vegetation and management" in html
    dutch = logged_in.get(f"/biodiva/scans/{scan.pk}/step/2/").content.decode()
    assert "Stap 2 van 10" in dutch and "Beplanting en beheer" in dutch


def test_each_step_shows_the_regions_landscape_image(logged_in, boom_site, questionnaire, rupel_measures):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    html = logged_in.get(f"/en/biodiva/scans/{scan.pk}/step/3/").content.decode()
    assert f"Landscape image {boom_site.region.name_en}" in html
    assert "en pond" in html  # the water step names the region's pond measure
    assert "en hedgerow" not in html


def test_out_of_range_and_missing_answers_are_shown_in_place_and_kept(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    response = logged_in.post(
        f"/en/biodiva/scans/{scan.pk}/step/1/",
        {"action": "next", "q_unpaved_pct": "150", "q_unpaving_done": "yes"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["q_unpaved_pct"] == ["Enter at most 100 %."]
    assert errors["q_dead_wood"] == ["This question needs an answer."]
    html = response.content.decode()
    assert 'value="150"' in html
    assert re.search(r'name="q_unpaving_done" value="yes"[^>]*checked', html)
    assert 'id="id_q_unpaved_pct_error"' in html
    assert not Answer.objects.exists()


def test_none_cannot_be_combined_with_other_options(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    theme = themes_of(version=scan.version)[3]
    data = step_data(theme, ANSWERS) | {"q_nest_places": ["swift", "none"]}
    response = logged_in.post(f"/en/biodiva/scans/{scan.pk}/step/4/", data)
    assert response.context["form"].errors["q_nest_places"] == [
        "“None” cannot be combined with other answers."
    ]


def test_half_finished_scan_is_resumed_where_it_stopped(client, company_user, boom_site, questionnaire):
    client.force_login(company_user)
    client.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    themes = themes_of(version=scan.version)
    client.post(f"/biodiva/scans/{scan.pk}/step/1/", step_data(themes[0], ANSWERS))
    client.post(f"/biodiva/scans/{scan.pk}/step/2/", step_data(themes[1], ANSWERS))
    # the third step is only half answered when the company stops: what is there is kept
    response = client.post(
        f"/biodiva/scans/{scan.pk}/step/3/", step_data(themes[2], {"has_pond": "yes"}, "stop")
    )
    assert response.url == boom_site.get_absolute_url()
    # later, in a new session
    client.logout()
    client.force_login(company_user)
    site_page = client.get(boom_site.get_absolute_url()).content.decode()
    assert f"/biodiva/scans/{scan.pk}/step/3/" in site_page
    # starting again resumes the same scan
    assert client.post(f"/biodiva/sites/{boom_site.pk}/scan/").url == f"/biodiva/scans/{scan.pk}/step/3/"
    step3 = client.get(f"/biodiva/scans/{scan.pk}/step/3/")
    assert step3.context["form"].initial["q_has_pond"] == "yes"
    assert step3.context["form"].initial.get("q_rainwater_infiltration") is None
    step1 = client.get(f"/biodiva/scans/{scan.pk}/step/1/")
    assert step1.context["form"].initial["q_unpaved_pct"] == 25
    assert Scan.objects.count() == 1


def test_finishing_with_a_gap_sends_back_to_that_step(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    themes = themes_of(version=scan.version)
    last = len(themes)
    for step, theme in enumerate(themes, 1):
        if step != 2:
            logged_in.post(f"/biodiva/scans/{scan.pk}/step/{step}/", step_data(theme, ANSWERS))
    response = logged_in.post(f"/biodiva/scans/{scan.pk}/step/{last}/", step_data(themes[-1], ANSWERS))
    assert response.url == f"/biodiva/scans/{scan.pk}/step/2/"
    scan.refresh_from_db()
    assert scan.status == Scan.Status.IN_PROGRESS


def test_condition_in_the_same_step_ignores_a_stale_answer(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    theme = themes_of(version=scan.version)[2]
    data = step_data(theme, ANSWERS) | {"q_pond_natural_banks": "yes"}
    logged_in.post(f"/biodiva/scans/{scan.pk}/step/3/", data)
    assert not scan.answers.filter(question__code="pond_natural_banks").exists()


def test_pdf_report_downloads(logged_in, boom_site, questionnaire, rupel_measures):
    scan = _completed(boom_site, logged_in)
    response = logged_in.get(f"/biodiva/scans/{scan.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def _completed(site, client):
    client.post(f"/biodiva/sites/{site.pk}/scan/")
    scan = Scan.objects.filter(site=site).order_by("-id").first()
    fill_in_scan(client, scan)
    scan.refresh_from_db()
    return scan


def test_action_plan_pick_update_and_progress_in_next_scan(
    logged_in, boom_site, questionnaire, rupel_measures
):
    first = _completed(boom_site, logged_in)
    response = logged_in.post(
        f"/biodiva/scans/{first.pk}/plan/",
        {"measure": "pond", "owner": "Jan Peeters", "target_date": "2027-03-01"},
    )
    assert response.status_code == 302
    item = ActionPlanItem.objects.get()
    assert (item.owner, str(item.target_date), item.done) == ("Jan Peeters", "2027-03-01", False)
    result_page = logged_in.get(f"/en/biodiva/scans/{first.pk}/").content.decode()
    assert "in your action plan" in result_page
    logged_in.post(
        f"/biodiva/plan/{item.pk}/",
        {
            f"item{item.pk}-owner": "Jan Peeters",
            f"item{item.pk}-target_date": "2027-03-01",
            f"item{item.pk}-done": "on",
        },
    )
    item.refresh_from_db()
    assert item.done and item.done_at
    # the next scan, with a pond now, shows the progress and what changed
    second = _completed_with(boom_site, logged_in, ANSWERS | {"has_pond": "yes", "pond_natural_banks": "yes"})
    report = logged_in.get(f"/en/biodiva/scans/{second.pk}/").context["report"]
    assert [i.measure.slug for i in report.done_since_previous] == ["pond"]
    water = next(t for t in report.themes if t.code == "water")
    # pond 1 + natural banks 2 + partly infiltrating 1 + reuse 1 = 5 of 6
    assert (water.before, water.after, water.delta) == (50.0, 83.3, 33.3)
    html = logged_in.get(f"/en/biodiva/scans/{second.pk}/").content.decode()
    assert "1 action was done since the previous scan." in html
    assert "Your scores over time" in html


def _completed_with(site, client, answers):
    client.post(f"/biodiva/sites/{site.pk}/scan/")
    scan = Scan.objects.filter(site=site, status=Scan.Status.IN_PROGRESS).get()
    fill_in_scan(client, scan, answers)
    scan.refresh_from_db()
    return scan


def test_completed_scan_cannot_be_changed(logged_in, boom_site, questionnaire):
    scan = _completed(boom_site, logged_in)
    theme = themes_of(version=scan.version)[0]
    response = logged_in.post(
        f"/biodiva/scans/{scan.pk}/step/1/", step_data(theme, ANSWERS | {"unpaved_pct": 90})
    )
    assert response.status_code == 302
    assert scan.answers.get(question__code="unpaved_pct").value == 25
    with pytest.raises(ValidationError) as refused:
        save_answers(scan=scan, values={}, next_step=1)
    assert refused.value.code == "completed"
    with pytest.raises(ValidationError) as refused:
        complete_scan(scan=scan)
    assert refused.value.code == "completed"


def test_step_out_of_range_is_404(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    assert logged_in.get(reverse("biodiva:scan-step", args=[scan.pk, 11])).status_code == 404


def test_adding_a_measure_in_the_plan_again_updates_it_alike_on_the_page_and_through_the_api(
    logged_in, boom_site, questionnaire, rupel_measures
):
    """One rule (services.add_to_plan): picking a measure again updates its owner and date, never a copy."""
    scan = _completed(boom_site, logged_in)
    page = f"/biodiva/scans/{scan.pk}/plan/"
    api = "/api/v1/biodiva/action-plan/"
    logged_in.post(page, {"measure": "pond", "owner": "Jan Peeters"})
    again = logged_in.post(
        api,
        {"site": boom_site.pk, "measure": "pond", "target_date": "2027-03-01"},
        content_type="application/json",
    )
    logged_in.post(page, {"measure": "pond", "owner": "", "target_date": ""})
    through_api = logged_in.post(
        api, {"site": boom_site.pk, "measure": "hedgerow", "owner": "An"}, content_type="application/json"
    )
    logged_in.post(page, {"measure": "hedgerow", "target_date": "2027-05-01"})

    assert again.status_code == 200 and through_api.status_code == 201
    plan = {i.measure.slug: (i.owner, str(i.target_date)) for i in ActionPlanItem.objects.all()}
    assert plan == {"pond": ("Jan Peeters", "2027-03-01"), "hedgerow": ("An", "2027-05-01")}


def test_site_page_queries_do_not_grow_with_the_action_plan(
    logged_in, boom_site, rupel_measures, django_assert_max_num_queries
):
    from biodiva.services import add_to_plan

    add_to_plan(site=boom_site, measure=rupel_measures["pond"], owner="Jan")
    with django_assert_max_num_queries(50) as one:
        logged_in.get(f"/biodiva/sites/{boom_site.pk}/")
    for measure in rupel_measures.values():
        add_to_plan(site=boom_site, measure=measure)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = logged_in.get(f"/en/biodiva/sites/{boom_site.pk}/")
    html = response.content.decode()
    assert all(f"en {slug}" in html for slug in rupel_measures)


def test_site_page_shows_scan_status_in_dutch(logged_in, boom_site, questionnaire):
    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    html = logged_in.get(f"/biodiva/sites/{boom_site.pk}/").content.decode()
    assert "<td>bezig</td>" in html


def test_double_click_on_finish_shows_the_result_once(logged_in, boom_site, questionnaire, monkeypatch):
    """The second request of a double click finds the scan completed by the first one."""
    from biodiva import services

    logged_in.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    scan = Scan.objects.get()
    themes = themes_of(version=scan.version)
    for step, theme in enumerate(themes[:-1], 1):
        logged_in.post(f"/biodiva/scans/{scan.pk}/step/{step}/", step_data(theme, ANSWERS))
    complete = services.complete_scan

    def first_request_wins(*, scan):
        complete(scan=Scan.objects.get(pk=scan.pk))
        return complete(scan=scan)

    monkeypatch.setattr(services, "complete_scan", first_request_wins)
    response = logged_in.post(f"/biodiva/scans/{scan.pk}/step/{len(themes)}/", step_data(themes[-1], ANSWERS))
    assert response.status_code == 302 and response.url == f"/biodiva/scans/{scan.pk}/"
    assert Scan.objects.get().status == Scan.Status.COMPLETED


@pytest.mark.parametrize(
    ("prefix", "language", "title"), [("", "nl", "BIODIVA-rapport"), ("/en", "en", "BIODIVA report")]
)
def test_pdf_report_is_an_accessible_pdf_in_the_language_asked(
    logged_in, boom_site, questionnaire, rupel_measures, prefix, language, title
):
    scan = _completed(boom_site, logged_in)
    response = logged_in.get(f"{prefix}/biodiva/scans/{scan.pk}/report.pdf")
    assert_accessible_pdf(response.content, language=language, title=f"{title} · {boom_site.name}")
