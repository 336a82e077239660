"""Region boundaries: GeoJSON in and out, validation and repair, simplification, reprojection."""

from functools import cache

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

# Belgian Lambert 72 as Flemish and provincial GIS services publish it.
LAMBERT72 = "EPSG:31370"
WGS84 = "EPSG:4326"
CRS_ALIASES = {
    "EPSG:31370": LAMBERT72,
    "URN:OGC:DEF:CRS:EPSG::31370": LAMBERT72,
    "URN:OGC:DEF:CRS:EPSG:6.3:31370": LAMBERT72,
    "EPSG:4326": WGS84,
    "URN:OGC:DEF:CRS:OGC:1.3:CRS84": WGS84,
    "URN:OGC:DEF:CRS:EPSG::4326": WGS84,
    "CRS84": WGS84,
}
# About 50 m at this latitude: plenty for an overview map of a province.
MAP_TOLERANCE_DEGREES = 0.0006
# coverage_simplify removes less for the same tolerance (it keeps shared borders shared).
COVERAGE_TOLERANCE_DEGREES = 0.0015


class GeometryError(ValueError):
    """A geometry that is not a usable area, with a message a person can act on."""


def parse_area(geojson: dict | None) -> Polygon | MultiPolygon:
    """A valid Polygon or MultiPolygon from a GeoJSON geometry, repaired where shapely can.

    Raises GeometryError when the input is not an area or cannot be repaired into one.
    """
    if not isinstance(geojson, dict) or "type" not in geojson:
        raise GeometryError("not a GeoJSON geometry")
    if geojson["type"] not in ("Polygon", "MultiPolygon"):
        raise GeometryError(f"a {geojson['type']} is not an area (Polygon or MultiPolygon needed)")
    try:
        geom = shape(geojson)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise GeometryError(f"unreadable coordinates ({exc})") from None
    if geom.is_empty:
        raise GeometryError("the geometry is empty")
    if not shapely.is_valid(geom):
        geom = _repair(geom)
    return geom


def _repair(geom: BaseGeometry) -> Polygon | MultiPolygon:
    repaired = shapely.make_valid(geom)
    polygons = [g for g in getattr(repaired, "geoms", [repaired]) if isinstance(g, Polygon | MultiPolygon)]
    parts: list[Polygon] = []
    for g in polygons:
        parts.extend(getattr(g, "geoms", [g]))
    parts = [p for p in parts if not p.is_empty and p.area > 0]
    if not parts:
        raise GeometryError(f"invalid and cannot be repaired ({shapely.is_valid_reason(geom)})")
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def to_geojson(geom: Polygon | MultiPolygon, *, precision: int = 6) -> dict:
    """RFC 7946 geometry: counter-clockwise outer rings, coordinates rounded to ``precision``.

    Rounding comes first: ``set_precision`` rebuilds the polygons and does not keep ring order.
    """
    geom = shapely.set_precision(geom, 10**-precision)
    if isinstance(geom, MultiPolygon):
        geom = MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    else:
        geom = orient(geom, sign=1.0)
    return mapping(geom) | {}


# Generous box around Belgium (WGS84): catches swapped axes and projected coordinates.
BELGIUM_BOX = (2.3, 49.3, 6.6, 51.7)


def check_near_belgium(geom: Polygon | MultiPolygon) -> None:
    min_x, min_y, max_x, max_y = geom.bounds
    box_min_x, box_min_y, box_max_x, box_max_y = BELGIUM_BOX
    if min_x < box_min_x or max_x > box_max_x or min_y < box_min_y or max_y > box_max_y:
        raise GeometryError(
            "the coordinates are not in Belgium (longitude 2.3–6.6, latitude 49.3–51.7 expected; "
            "are longitude and latitude swapped, or is the crs of projected coordinates not declared?)"
        )


def simplified(geom: Polygon | MultiPolygon) -> dict:
    """The boundary simplified for the overview map, as GeoJSON."""
    return to_geojson(geom.simplify(MAP_TOLERANCE_DEGREES, preserve_topology=True), precision=5)


def simplified_coverage(geoms: list[Polygon | MultiPolygon]) -> list[dict]:
    """Simplify neighbouring regions together so their shared borders stay shared (no slivers)."""
    result = shapely.coverage_simplify(geoms, COVERAGE_TOLERANCE_DEGREES)
    return [to_geojson(g, precision=5) for g in result]


@cache
def _transformer(source: str):
    from pyproj import Transformer

    return Transformer.from_crs(source, WGS84, always_xy=True)


def normalise_crs(name: str | None) -> str:
    """The CRS a GeoJSON ``crs`` member names; WGS84 when absent (RFC 7946)."""
    if not name:
        return WGS84
    key = name.strip().upper()
    if key not in CRS_ALIASES:
        raise GeometryError(f"unsupported coordinate reference system {name!r}")
    return CRS_ALIASES[key]


def to_wgs84(geom: BaseGeometry, *, source_crs: str) -> BaseGeometry:
    if source_crs == WGS84:
        return geom
    transformer = _transformer(source_crs)
    return shapely.transform(geom, lambda xy: _stack(transformer.transform(xy[:, 0], xy[:, 1])))


def _stack(xy):
    import numpy as np

    return np.column_stack(xy)
