"""A company site placed with the shared location picker: a decimal comma, or a postcode alone."""

import pytest

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
