"""A company site placed with the shared location picker: a decimal comma, or a postcode alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from biodiva.models import Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, company_user):
    client.force_login(company_user)
    return client


def site_post(**overrides):
    data = {
        "name": "Depot Boom",
        "address": "Kapelstraat 5, 2850 Boom",
        "place": "",
        "latitude": "51,0875",
        "longitude": "4,3665",
        "surface_m2": 12000,
        "sector": "logistics",
        "activity": "warehouse",
    }
    return data | overrides


def test_a_site_saved_with_decimal_commas_lies_in_boom(logged_in, company, regions):
    response = logged_in.post(f"/biodiva/companies/{company.pk}/sites/new/", site_post())
    assert response.status_code == 302
    site = Site.objects.get(name="Depot Boom")
    assert (site.latitude, site.longitude) == (51.0875, 4.3665)
    assert site.region.slug == "rupel-zenne-dijle"


def test_without_javascript_a_postcode_puts_the_site_in_that_municipality(logged_in, company, regions):
    response = logged_in.post(
        f"/biodiva/companies/{company.pk}/sites/new/", site_post(place="2850", latitude="", longitude="")
    )
    assert response.status_code == 302
    assert Site.objects.get(name="Depot Boom").region.slug == "rupel-zenne-dijle"


def test_a_place_that_is_not_found_is_an_error_on_the_place_field(logged_in, company, regions):
    response = logged_in.post(
        f"/en/biodiva/companies/{company.pk}/sites/new/", site_post(place="2070", latitude="", longitude="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["place"] == [
        "2070 is a postcode of Beveren-Kruibeke-Zwijndrecht, outside the province of Antwerp."
    ]
    assert not Site.objects.filter(name="Depot Boom").exists()


def test_typed_coordinates_win_over_the_place(logged_in, company, regions):
    logged_in.post(f"/biodiva/companies/{company.pk}/sites/new/", site_post(place="Turnhout"))
    assert Site.objects.get(name="Depot Boom").region.slug == "rupel-zenne-dijle"


def test_a_site_form_sent_twice_leads_to_the_site_made_the_first_time(logged_in, company, regions):
    url = f"/en/biodiva/companies/{company.pk}/sites/new/"
    first = logged_in.post(url, site_post())
    second = logged_in.post(url, site_post(), follow=True)
    site = Site.objects.get(company=company, name="Depot Boom")
    assert first.status_code == 302
    assert second.redirect_chain[-1][0].endswith(f"/biodiva/sites/{site.pk}/")
    page = second.content.decode()
    assert "a moment ago already" in page and "has a site with this name already" not in page
    assert Site.objects.filter(company=company).count() == 1


def test_the_same_name_with_other_data_or_from_someone_else_is_still_a_field_error(
    client, logged_in, company, regions
):
    from tests.factories import UserFactory

    url = f"/en/biodiva/companies/{company.pk}/sites/new/"
    logged_in.post(url, site_post())
    other_data = logged_in.post(url, site_post(address="Kapelstraat 7, 2850 Boom"))
    assert other_data.status_code == 200
    assert "name" in other_data.context["form"].errors
    colleague = UserFactory(username="bert")
    company.members.add(colleague)
    client.force_login(colleague)
    from_colleague = client.post(url, site_post())
    assert from_colleague.status_code == 200 and "name" in from_colleague.context["form"].errors


def test_the_same_site_sent_again_after_a_few_minutes_is_a_field_error(logged_in, company, regions):
    url = f"/en/biodiva/companies/{company.pk}/sites/new/"
    logged_in.post(url, site_post())
    Site.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    again = logged_in.post(url, site_post())
    assert again.status_code == 200 and "name" in again.context["form"].errors
    assert Site.objects.count() == 1
