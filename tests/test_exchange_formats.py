"""What third-party readers see of the portal's GeoJSON and JSON answers: the RFC 7946 media type on
every GeoJSON answer (pages and API), and gzip for large public JSON when the client accepts it."""

import gzip
import json

import pytest
from django.urls import reverse

from portal.sections import map_overlays
from tests.factories import UserFactory
from tests.url_names import named_routes

pytestmark = pytest.mark.django_db

# Every URL whose route ends in .geojson is checked: a new one is covered without editing this list.
GEOJSON_URL_NAMES = sorted(name for name, route in named_routes().items() if route.endswith(".geojson"))


def test_the_geojson_urls_are_found():
    assert {"regions-geojson", "meetings:map-geojson", "monitoring:map-geojson"} <= set(GEOJSON_URL_NAMES)


@pytest.mark.parametrize("name", GEOJSON_URL_NAMES)
def test_every_geojson_answer_is_sent_as_application_geo_json(client, regions, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert json.loads(response.content)["type"] == "FeatureCollection"


def test_every_map_overlay_is_a_geojson_url(rf, regions):
    overlay_paths = {overlay["url"] for overlay in map_overlays(request=rf.get("/"))}
    assert overlay_paths and overlay_paths <= {reverse(name) for name in GEOJSON_URL_NAMES}


def test_the_regions_geojson_is_gzipped_when_the_client_accepts_it(client, regions):
    plain = client.get(reverse("regions-geojson"))
    assert "Content-Encoding" not in plain
    zipped = client.get(reverse("regions-geojson"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert zipped["Content-Type"] == "application/geo+json"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3


def test_other_large_public_json_is_gzipped_too(client, regions):
    response = client.get("/api/v1/municipalities/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(response.content))) == 67


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/advice/", "/en/regions/"])
def test_html_pages_are_never_gzipped_by_the_portal_breach(client, regions, path):
    """HTML pages carry CSRF tokens and reflect what the visitor typed: compressing them would open
    them to BREACH."""
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    # The regions GeoJSON is public (Cache-Control: public): the overview map of a logged-in
    # ecologist gets it compressed too.
    response = client.get(reverse("regions-geojson"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and "public" in response["Cache-Control"]


def test_answers_to_logged_in_clients_are_gzipped_only_when_the_same_for_everyone(client, regions):
    client.force_login(UserFactory())
    response = client.get("/api/v1/municipalities/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response
    response = client.get(
        "/api/v1/municipalities/", HTTP_ACCEPT_ENCODING="gzip", HTTP_AUTHORIZATION="Basic eDp5"
    )
    assert "Content-Encoding" not in response
    # The regions GeoJSON is public (Cache-Control: public): the overview map of a logged-in
    # ecologist gets it compressed too.
    response = client.get(reverse("regions-geojson"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip" and "public" in response["Cache-Control"]


@pytest.mark.parametrize("name", GEOJSON_URL_NAMES)
def test_geojson_clients_asking_for_geo_json_get_it(client, regions, name):
    response = client.get(reverse(name), HTTP_ACCEPT="application/geo+json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
