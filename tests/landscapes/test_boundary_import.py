"""manage.py import_regions: official boundaries in, all or nothing."""

import json

import pytest
from django.core.management import CommandError, call_command
from pyproj import Transformer
from shapely.geometry import shape

from landscapes import selectors
from landscapes.models import Region

pytestmark = pytest.mark.django_db

BOOM = (4.3665, 51.0875)


def feature(slug, geometry, **props):
    return {"type": "Feature", "properties": {"slug": slug, **props}, "geometry": geometry}


def box(lon, lat, size=0.05):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def write(tmp_path, collection) -> str:
    path = tmp_path / "regions.geojson"
    path.write_text(json.dumps(collection) if not isinstance(collection, str) else collection)
    return str(path)


def snapshot():
    return dict(Region.objects.values_list("slug", "boundary"))


def test_wgs84_file_replaces_the_matched_boundaries(tmp_path, regions, capsys):
    collection = {"type": "FeatureCollection", "features": [feature("rupel-zenne-dijle", box(4.30, 51.05))]}
    call_command("import_regions", write(tmp_path, collection))
    assert "Updated the boundaries of 1 region(s)" in capsys.readouterr().out
    assert selectors.region_for_point(lon=4.32, lat=51.07).slug == "rupel-zenne-dijle"
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) is None  # was in the old boundary


def test_lambert72_file_is_reprojected(tmp_path, regions):
    to_lambert = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
    corners = [(4.30, 51.05), (4.40, 51.05), (4.40, 51.12), (4.30, 51.12), (4.30, 51.05)]
    ring = [list(to_lambert.transform(lon, lat)) for lon, lat in corners]
    assert ring[0][0] > 100_000  # metres, not degrees
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}},
        "features": [feature("rupel-zenne-dijle", {"type": "Polygon", "coordinates": [ring]})],
    }
    call_command("import_regions", write(tmp_path, collection))
    region = Region.objects.get(slug="rupel-zenne-dijle")
    lon, lat = region.boundary["coordinates"][0][0]
    assert 4.29 < lon < 4.41 and 51.04 < lat < 51.13
    assert selectors.region_for_point(lon=4.35, lat=51.08).slug == "rupel-zenne-dijle"


def test_match_on_another_property(tmp_path, regions):
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"NAAM": "Zuiderkempen"}, "geometry": box(5.0, 51.0)}],
    }
    call_command("import_regions", write(tmp_path, collection), "--property", "NAAM", "--match", "name_nl")
    assert shape(Region.objects.get(slug="zuiderkempen").boundary).equals(shape(box(5.0, 51.0)))


def test_a_self_intersecting_polygon_is_repaired(tmp_path, regions, capsys):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[4.3, 51.0], [4.4, 51.1], [4.4, 51.0], [4.3, 51.1], [4.3, 51.0]]],
    }
    collection = {"type": "FeatureCollection", "features": [feature("rupel-zenne-dijle", bowtie)]}
    call_command("import_regions", write(tmp_path, collection))
    assert "Repaired an invalid geometry: rupel-zenne-dijle" in capsys.readouterr().out
    assert Region.objects.get(slug="rupel-zenne-dijle").boundary["type"] == "MultiPolygon"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
        ({"type": "FeatureCollection", "features": []}, "has no features"),
        (
            {"type": "FeatureCollection", "crs": {"properties": {"name": "EPSG:3857"}}, "features": [{}]},
            "unsupported coordinate reference system",
        ),
    ],
)
def test_a_broken_file_is_refused_and_nothing_changes(tmp_path, regions, content, message):
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        call_command("import_regions", write(tmp_path, content))
    assert snapshot() == before


def test_one_bad_feature_refuses_the_whole_file_and_names_every_problem(tmp_path, regions):
    before = snapshot()
    collection = {
        "type": "FeatureCollection",
        "features": [
            feature("rupel-zenne-dijle", box(4.30, 51.05)),  # good, but must not be applied
            feature("zuiderkempen", {"type": "Point", "coordinates": [4.9, 51.1]}),
            feature("atlantis", box(4.0, 51.0)),
            feature("turnhoutse-kempen", {"type": "Polygon", "coordinates": [[[1, 2]]]}),
            feature("kempense-heuvelrug", box(150_000, 210_000, 1000)),  # Lambert metres, crs not declared
        ],
    }
    with pytest.raises(CommandError) as excinfo:
        call_command("import_regions", write(tmp_path, collection))
    text = str(excinfo.value)
    assert "Nothing was imported" in text
    assert "feature 2 (slug='zuiderkempen'): a Point is not an area" in text
    assert "feature 3 (slug='atlantis'): no region with slug 'atlantis'" in text
    assert "feature 4 (slug='turnhout" in text
    assert "feature 5 (slug='kempense-heuvelrug'): the coordinates are not in Belgium" in text
    assert snapshot() == before
    assert selectors.region_for_point(lon=4.3665, lat=51.0875).slug == "rupel-zenne-dijle"


def test_missing_file_is_a_clear_error(tmp_path, regions):
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_regions", str(tmp_path / "nope.geojson"))


def test_swapped_axes_are_refused_with_a_hint(tmp_path, regions):
    swapped = {"type": "Polygon", "coordinates": [[[51.05, 4.3], [51.05, 4.4], [51.1, 4.4], [51.05, 4.3]]]}
    collection = {"type": "FeatureCollection", "features": [feature("rupel-zenne-dijle", swapped)]}
    with pytest.raises(CommandError, match="are longitude and latitude swapped"):
        call_command("import_regions", write(tmp_path, collection))


def test_imported_rings_are_counter_clockwise_as_rfc_7946_asks(tmp_path, regions):
    clockwise = {
        "type": "Polygon",
        "coordinates": [[[4.30, 51.05], [4.30, 51.10], [4.35, 51.10], [4.35, 51.05], [4.30, 51.05]]],
    }
    collection = {"type": "FeatureCollection", "features": [feature("rupel-zenne-dijle", clockwise)]}
    call_command("import_regions", write(tmp_path, collection))
    assert shape(Region.objects.get(slug="rupel-zenne-dijle").boundary).exterior.is_ccw
