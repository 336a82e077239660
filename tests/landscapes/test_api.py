"""The landscapes REST API as a client sees it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from landscapes.models import RegionMeasure, SpeciesNeed
from landscapes.services import save_region
from tests.landscapes.factories import MeasureFactory, SpeciesFactory

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/regions/lookup/"


def test_lookup_returns_the_region_with_its_links(client, regions):
    response = client.get(LOOKUP, {"lat": 51.0875, "lon": 4.3665})
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "rupel-zenne-dijle"
    assert body["name_nl"] == "Rupel, Zenne en Dijle"
    assert body["page_url"].endswith("/regions/rupel-zenne-dijle/")
    assert body["brochure_url"].endswith("/regions/rupel-zenne-dijle/brochure.pdf")


def test_lookup_between_the_baarle_hertog_enclaves_is_404(client, regions):
    # Baarle-Nassau (the Netherlands), in the middle of the Baarle-Hertog enclaves.
    response = client.get(LOOKUP, {"lat": 51.4404, "lon": 4.9390})
    assert response.status_code == 404
    assert "niet in de provincie Antwerpen" in response.json()["detail"]
    english = client.get(LOOKUP, {"lat": 51.4404, "lon": 4.9390}, HTTP_ACCEPT_LANGUAGE="en")
    assert "not in the province of Antwerp" in english.json()["detail"]


def test_lookup_inside_a_baarle_hertog_enclave_finds_the_region(client, regions):
    response = client.get(LOOKUP, {"lat": 51.43832, "lon": 4.93027})
    assert response.status_code == 200
    assert response.json()["slug"] == "open-landschap-noorderkempen"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lon": 4.4}, "lat"),
        ({"lat": 51.2}, "lon"),
        ({"lat": "north", "lon": 4.4}, "lat"),
        ({"lat": 51.2, "lon": "4,4"}, "lon"),
        ({"lat": 91, "lon": 4.4}, "lat"),
        ({"lat": 51.2, "lon": -180.5}, "lon"),
        ({"lat": "nan", "lon": 4.4}, "lat"),
        ({"lat": 51.2, "lon": "inf"}, "lon"),
    ],
)
def test_lookup_with_bad_coordinates_is_400_with_the_field_named(client, regions, params, field):
    response = client.get(LOOKUP, params)
    assert response.status_code == 400
    assert field in response.json()


def test_regions_list_and_detail(client, regions):
    listing = client.get("/api/v1/regions/").json()
    assert listing["count"] == 18
    assert {r["slug"] for r in listing["results"]} >= {"rupel-zenne-dijle", "turnhoutse-kempen"}
    detail = client.get("/api/v1/regions/turnhoutse-kempen/").json()
    assert "Turnhout" in detail["municipalities"]
    assert client.get("/api/v1/regions/no-such-region/").status_code == 404


def test_region_detail_lists_species_needs_and_measures_in_priority_order(client, regions):
    region = regions["kalmthoutse-heide"]
    nightjar = SpeciesFactory(scientific_name="Caprimulgus europaeus", name_en="European nightjar")
    heath, pond = MeasureFactory(slug="heath_restoration"), MeasureFactory(slug="pond")
    need = SpeciesNeed.objects.create(region=region, species=nightjar, breeding=True, feeding=True)
    need.elements.set([heath])
    RegionMeasure.objects.create(region=region, measure=pond, priority=2)
    RegionMeasure.objects.create(region=region, measure=heath, priority=1)
    body = client.get("/api/v1/regions/kalmthoutse-heide/").json()
    assert body["species_needs"] == [
        {
            "species": "Caprimulgus europaeus",
            "uses": ["feeding", "breeding"],
            "elements": ["heath_restoration"],
            "note_nl": "",
            "note_en": "",
        }
    ]
    assert [m["measure"] for m in body["measures"]] == ["heath_restoration", "pond"]


def test_measures_filter_by_region_and_where_they_apply(client, regions):
    garden = MeasureFactory(slug="pond", applies_to=["private_garden", "farmland"])
    roof = MeasureFactory(slug="green_roof", applies_to=["company_site"])
    MeasureFactory(slug="hedgerow", applies_to=["farmland"])
    RegionMeasure.objects.create(region=regions["zuiderkempen"], measure=garden, priority=1)
    RegionMeasure.objects.create(region=regions["zuiderkempen"], measure=roof, priority=2)

    def slugs(**params):
        return [m["slug"] for m in client.get("/api/v1/measures/", params).json()["results"]]

    assert slugs(region="zuiderkempen") == ["pond", "green_roof"]  # the region's priority order
    assert slugs(applies_to="farmland") == ["hedgerow", "pond"]
    assert slugs(region="zuiderkempen", applies_to="company_site") == ["green_roof"]


def test_species_filter_by_group_and_search(client, db):
    SpeciesFactory(scientific_name="Vulpes vulpes", name_nl="vos", name_en="red fox", group="mammal")
    SpeciesFactory(
        scientific_name="Rana arvalis", name_nl="heikikker", name_en="moor frog", group="amphibian"
    )

    def names(**params):
        return [s["scientific_name"] for s in client.get("/api/v1/species/", params).json()["results"]]

    assert names(group="amphibian") == ["Rana arvalis"]
    assert names(search="fox") == ["Vulpes vulpes"]


def test_regions_geojson_is_an_rfc7946_feature_collection(client, regions):
    response = client.get(reverse("regions-geojson"))
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 18
    feature = next(f for f in collection["features"] if f["id"] == "open-landschap-noorderkempen")
    assert feature["geometry"]["type"] == "MultiPolygon"  # the Baarle-Hertog enclaves
    assert "crs" not in collection  # RFC 7946: WGS84 only, no crs member
    ring = feature["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1]
    lon, lat = ring[0]
    assert 4.0 < lon < 5.5 and 50.9 < lat < 51.6


def test_simplified_geojson_is_much_smaller_and_keeps_every_region(client, regions):
    full = client.get(reverse("regions-geojson")).content
    simple = client.get(reverse("regions-geojson"), {"detail": "simplified"})
    assert len(simple.json()["features"]) == 18
    assert len(simple.content) < len(full) / 2


def test_municipalities_list_all_with_their_region(client, regions):
    body = client.get("/api/v1/municipalities/").json()
    assert len(body) == 67
    boom = next(m for m in body if m["name"] == "Boom")
    assert boom == {"nis_code": "11005", "name": "Boom", "region": "rupel-zenne-dijle"}


def test_the_api_is_read_only_for_anonymous_clients(client, regions):
    assert client.post("/api/v1/regions/", {"slug": "x"}).status_code in (401, 403)
    assert client.delete("/api/v1/regions/zuiderkempen/").status_code in (401, 403, 405)


def test_openapi_schema_and_docs_are_served_locally(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/regions/lookup/" in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()


def test_repeated_lookups_need_no_query_and_follow_changes(client, regions, django_assert_num_queries):
    params = {"lat": 51.0875, "lon": 4.3665}
    client.get(LOOKUP, params)
    with django_assert_num_queries(0):
        assert client.get(LOOKUP, params).json()["name_en"] == "Rupel, Zenne and Dijle"
    region = regions["rupel-zenne-dijle"]
    region.name_en = "Rupel, Senne and Dyle"
    save_region(region=region)
    assert client.get(LOOKUP, params).json()["name_en"] == "Rupel, Senne and Dyle"
    english = client.get(LOOKUP, params, HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="portal.example.org").json()
    assert english["page_url"] == "http://portal.example.org/en/regions/rupel-zenne-dijle/"


@pytest.mark.parametrize("detail", ["full", "simplified"])
def test_geojson_outer_rings_are_counter_clockwise(client, regions, detail):
    from shapely.geometry import shape

    for feature in client.get(reverse("regions-geojson"), {"detail": detail}).json()["features"]:
        geom = shape(feature["geometry"])
        for polygon in getattr(geom, "geoms", [geom]):
            assert polygon.exterior.is_ccw, feature["id"]
            assert all(not ring.is_ccw for ring in polygon.interiors), feature["id"]


def test_page_size_can_be_asked_for_within_limits(client, regions):
    assert len(client.get("/api/v1/regions/", {"page_size": 5}).json()["results"]) == 5
    assert len(client.get("/api/v1/regions/", {"page_size": 1000}).json()["results"]) == 18


def test_unknown_geojson_detail_is_400(client, regions):
    response = client.get(reverse("regions-geojson"), {"detail": "bogus"})
    assert response.status_code == 400 and "detail" in response.json()


@pytest.mark.parametrize(
    ("params", "language"),
    [
        ({"lat": 51.0875, "lon": 4.3665}, "nl"),
        ({"lat": 51.0875, "lon": 4.3665}, "en"),
        ({"lat": 51.4404, "lon": 4.9390}, "nl"),
        ({"lat": 51.4404, "lon": 4.9390}, "en"),
        ({"lat": "north", "lon": 999}, "nl"),
        ({}, "en"),
        # Query strings as clients may write them: repeated, blank, empty, escaped, with a plus.
        ("lat=1&lat=51.0875&lon=4.3665", "nl"),
        ("lat=51.0875&lon=4.3665&lon", "en"),
        ("&lat=51.0875&&lon=4.3665=4&", "nl"),
        ("lat=%35%31.0875&lon=4.3665", "nl"),
        ("lat=+51.0875&lon=4.3665", "en"),
        ("lat=51.0875&lon=4.3665&format=json", "nl"),
    ],
)
def test_the_plain_lookup_answers_byte_for_byte_as_the_rest_framework_view(client, regions, params, language):
    """The map's lookup is served without the REST framework's dispatch; JSON clients get the same
    status, body and headers as from the documented REST framework view (which still answers the
    browsable API, OPTIONS and other methods)."""
    from django.urls import resolve
    from django.utils import translation

    from landscapes.api import RegionLookupView

    url, data = (f"{LOOKUP}?{params}", None) if isinstance(params, str) else (LOOKUP, params)
    plain = client.get(url, data, HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE=language)
    assert resolve(LOOKUP).func.__name__ == "region_lookup"
    request = RequestFactory().get(url, data, HTTP_ACCEPT="application/json")
    with translation.override(language):
        drf = RegionLookupView.as_view()(request)
        drf.render()
    assert plain.status_code == drf.status_code
    assert plain.content == drf.content
    assert plain["Content-Type"] == drf["Content-Type"] == "application/json"
    assert plain["Allow"] == drf["Allow"]
    assert plain["Vary"] == "Accept, Accept-Language"


def test_the_lookup_still_offers_the_browsable_api_options_and_refuses_other_methods(client, regions):
    params = {"lat": 51.0875, "lon": 4.3665}
    browsable = client.get(LOOKUP, params, HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and browsable["Content-Type"].startswith("text/html")
    assert client.options(LOOKUP).json()["name"] == "Lookup"
    assert client.post(LOOKUP, params).status_code == 405
    assert client.get(LOOKUP, params, HTTP_ACCEPT="application/xml").status_code == 406


def test_the_lookup_is_documented_with_its_parameters_and_answers(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/regions/lookup/"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"lat", "lon"}
    assert set(operation["responses"]) == {"200", "400", "404"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RegionSummary"
    }


def test_a_lookup_with_more_parameters_than_django_takes_is_refused_as_on_every_endpoint(
    client, regions, settings
):
    """The plain lookup reads a query as Django does (``portal.querystring``), limits included."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    query = "lat=51.0875&lon=4.3665&a=1&b=2"
    species = client.get(f"/api/v1/species/?{query}", HTTP_ACCEPT="application/json")
    lookup = client.get(f"{LOOKUP}?{query}", HTTP_ACCEPT="application/json")

    assert species.status_code == lookup.status_code == 400
    within = client.get(f"{LOOKUP}?lat=51.0875&lon=4.3665&a=1", HTTP_ACCEPT="application/json")
    assert within.status_code == 200
