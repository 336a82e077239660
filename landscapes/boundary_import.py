"""Replace region boundaries with official ones from a GeoJSON file, all or nothing."""

from dataclasses import dataclass, field

import shapely
from django.db import transaction

from .geometry import (
    WGS84,
    GeometryError,
    check_near_belgium,
    normalise_crs,
    parse_area,
    to_geojson,
    to_wgs84,
)
from .models import Region
from .services import resimplify_all_regions, save_region

MATCH_FIELDS = ("slug", "name_nl", "name_en")


class BoundaryImportError(Exception):
    """The file was refused; ``errors`` says why, one line per problem (features named)."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class BoundaryImportReport:
    updated: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)
    source_crs: str = WGS84


def _crs_name(collection: dict) -> str | None:
    crs = collection.get("crs")
    if crs is None:
        return None
    try:
        return crs["properties"]["name"]
    except (KeyError, TypeError):
        raise BoundaryImportError(["the 'crs' member has no properties.name"]) from None


def _feature_label(index: int, feature: dict, match_property: str) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    key = props.get(match_property) if isinstance(props, dict) else None
    return f"feature {index + 1}" + (f" ({match_property}={key!r})" if key is not None else "")


def import_region_boundaries(
    *, collection: dict, match_property: str = "slug", match_field: str = "slug"
) -> BoundaryImportReport:
    """Check every feature, then replace the matched regions' boundaries in one transaction.

    Raises BoundaryImportError listing every problem; then nothing has changed.
    """
    if match_field not in MATCH_FIELDS:
        raise BoundaryImportError(
            [f"regions can be matched on {', '.join(MATCH_FIELDS)}, not {match_field!r}"]
        )
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BoundaryImportError(["the file is not a GeoJSON FeatureCollection"])
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise BoundaryImportError(["the FeatureCollection has no features"])
    try:
        source_crs = normalise_crs(_crs_name(collection))
    except GeometryError as exc:
        raise BoundaryImportError([str(exc)]) from None

    regions = {getattr(r, match_field): r for r in Region.objects.all()}
    report = BoundaryImportReport(source_crs=source_crs)
    errors: list[str] = []
    new_boundaries: dict[int, dict] = {}
    for index, feature in enumerate(features):
        label = _feature_label(index, feature, match_property)
        props = feature.get("properties") if isinstance(feature, dict) else None
        key = props.get(match_property) if isinstance(props, dict) else None
        if key is None:
            errors.append(f"{label}: no property {match_property!r}")
            continue
        region = regions.get(str(key))
        if region is None:
            errors.append(f"{label}: no region with {match_field} {key!r}")
            continue
        if region.pk in new_boundaries:
            errors.append(f"{label}: region {key!r} appears more than once")
            continue
        try:
            geometry = feature.get("geometry")
            raw = (
                shapely.geometry.shape(geometry)
                if isinstance(geometry, dict) and "type" in geometry
                else None
            )
            area = to_wgs84(parse_area(geometry), source_crs=source_crs)
            check_near_belgium(area)
        except GeometryError as exc:
            errors.append(f"{label}: {exc}")
            continue
        except Exception as exc:  # a malformed geometry shapely cannot even read
            errors.append(f"{label}: unreadable geometry ({exc})")
            continue
        if raw is not None and not shapely.is_valid(raw):
            report.repaired.append(str(key))
        new_boundaries[region.pk] = to_geojson(area)
    if errors:
        raise BoundaryImportError(errors)

    with transaction.atomic():
        for region in regions.values():
            if region.pk in new_boundaries:
                region.boundary = new_boundaries[region.pk]
                save_region(region=region)
                report.updated.append(region.slug)
            else:
                report.untouched.append(region.slug)
        resimplify_all_regions()
    return report
