"""Hostile input to the landscapes pages and API: coordinates no map has, NUL bytes in a name or a
slug, huge page sizes. Each answers 4xx naming the parameter, never a server error."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/regions/lookup/"


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [("nan", "4.4", "lat"), ("51.1", "inf", "lon"), ("1e400", "4.4", "lat"), ("51.1", "-1e400", "lon")],
)
def test_coordinates_no_map_has_answer_400_naming_them(client, regions, lat, lon, field):
    response = client.get(LOOKUP, {"lat": lat, "lon": lon})
    assert response.status_code == 400
    assert field in response.json()


def test_a_nul_byte_in_a_municipality_name_answers_400_naming_it(client, regions):
    response = client.get(reverse("landscapes:find-region"), {"municipality": "Boom\x00"})
    assert response.status_code == 400
    assert "municipality" in response.content.decode()


def test_a_nul_byte_in_a_region_slug_answers_400(client, regions):
    response = client.get("/api/v1/regions/rupel%00zenne/")
    assert response.status_code == 400


def test_species_search_with_a_nul_byte_answers_400_naming_it(client):
    response = client.get("/api/v1/species/", {"search": "vos\x00"})
    assert response.status_code == 400
    assert "search" in response.json()


def test_a_page_size_beyond_any_table_answers_a_capped_page(client, regions):
    response = client.get("/api/v1/species/", {"page_size": "99999999999999999999999"})
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 200
