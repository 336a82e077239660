"""The maps' shared configuration: background layers by setting, no outside address by default."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import maps


def config_in(html: str) -> dict:
    start = html.index('<script id="map-config" type="application/json">') + len(
        '<script id="map-config" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_tests_and_make_serve_show_no_background(client, regions):
    config = config_in(client.get("/").content.decode())
    assert config["baseLayers"] == []
    assert config["municipalities"] == "/api/v1/municipalities.geojson"


def test_production_default_is_the_grb_base_map_with_orthophotos(client, regions, settings):
    settings.MAP_BACKGROUND = "vlaanderen"
    layers = config_in(client.get("/en/").content.decode())["baseLayers"]
    assert [layer["id"] for layer in layers] == ["grb", "orthophoto"]
    assert layers[0]["url"].startswith("https://geo.api.vlaanderen.be/GRB/wmts?")
    assert "LAYER=grb_bsk" in layers[0]["url"] and "TILEMATRIXSET=GoogleMapsVL" in layers[0]["url"]
    assert "Digitaal Vlaanderen" in layers[0]["attribution"]
    assert layers[0]["name"] == "Base map (GRB)"


def test_a_custom_tile_server_can_be_configured(settings):
    settings.MAP_BACKGROUND = "custom"
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert [layer["url"] for layer in maps.base_layers()] == ["https://tiles.example.org/{z}/{x}/{y}.png"]


def test_an_unknown_background_is_refused(settings):
    settings.MAP_BACKGROUND = "google"
    with pytest.raises(ImproperlyConfigured, match="MAP_BACKGROUND must be one of"):
        maps.base_layers()


def test_municipalities_layer_has_all_67_with_a_point_inside_each_for_the_name(client):
    from shapely.geometry import Point, shape

    response = client.get("/api/v1/municipalities.geojson")
    assert response.status_code == 200
    features = response.json()["features"]
    assert len(features) == 67
    boom = next(f for f in features if f["properties"]["name"] == "Boom")
    assert shape(boom["geometry"]).contains(Point(boom["properties"]["label_point"]))
    assert len(response.content) < 120_000


def test_the_unused_javascript_catalogue_is_gone(client):
    assert client.get("/jsi18n/").status_code == 404
