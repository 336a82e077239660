"""Reads from the landscapes app that other code (views, API, other apps) relies on."""

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import shapely
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from shapely.geometry import shape

from portal.i18n import in_name_order, is_dutch_fallback

from . import places, spatial
from .geometry import to_geojson
from .models import Measure, Municipality, Region, RegionMeasure, Species, SpeciesNeed

_Summary = TypeVar("_Summary")


def region_summary_for_point(
    *, lon: float, lat: float, variant: Hashable, serialize: Callable[[Region], _Summary]
) -> _Summary | None:
    """The serialised summary of the region containing the point, or None.

    ``serialize(region)`` runs once per region and ``variant`` (what else the answer depends on,
    such as the language and host); the result is kept with the spatial index until a region
    changes, so a lookup normally costs no database query.
    """
    index = spatial.get_index()
    region_id = index.lookup(lon, lat)
    if region_id is None:
        return None
    key = (region_id, variant)
    if key not in index.memo:
        index.memo[key] = serialize(Region.objects.get(pk=region_id))
    return index.memo[key]


def region_for_point(*, lon: float, lat: float) -> Region | None:
    """The region whose boundary contains the WGS84 point, or None (outside the province)."""
    region_id = spatial.get_index().lookup(lon, lat)
    if region_id is None:
        return None
    return Region.objects.filter(pk=region_id).first()


def region_in_province(*, lon: float, lat: float, message: str = "") -> Region:
    """The region of a point that must lie in the province (a company site, an advice request).

    The one "inside the province" rule: raises a ValidationError (code ``outside_province``, with
    ``message`` or the default text) for a point in none of the regions; callers name the field.
    """
    region = region_for_point(lon=lon, lat=lat)
    if region is None:
        raise ValidationError(
            message
            or _(
                "This location is not in one of the regions of the province of Antwerp. "
                "Check the coordinates or pick the spot on the map."
            ),
            code="outside_province",
        )
    return region


def municipality_by_name(*, name: str) -> Municipality | None:
    """The municipality with that Dutch name, ignoring case, accents and hyphens."""
    wanted = places.fold(name)
    if not wanted:
        return None
    for municipality in Municipality.objects.select_related("region"):
        if places.fold(municipality.name) == wanted:
            return municipality
    return None


@dataclass(frozen=True)
class PlaceAnswer:
    """What the finder says about what was typed: the municipality in the province (with a note
    such as "Borsbeek is since 2025 part of Antwerpen"), or an error that says why there is none."""

    municipality: Municipality | None = None
    note: str = ""
    error: str = ""


def find_place(*, query: str) -> PlaceAnswer:
    """The municipality meant by a municipality name, a postcode ("2850", "2850 Boom"), or a
    deelgemeente, district or former municipality ("Berchem", "Borsbeek")."""
    postcode, name = places.split_postcode(query)
    if not postcode and not name:
        return PlaceAnswer(
            error=_("Type a municipality, a postcode or a deelgemeente of the province of Antwerp.")
        )
    if name:
        municipality = municipality_by_name(name=name)
        if municipality:
            return PlaceAnswer(municipality=municipality)
        place = places.places_by_name().get(places.fold(name))
        if place and (postcode is None or postcode == place.postcode):
            return _answer_for_place(place)
    if postcode:
        return _answer_for_postcode(postcode)
    return PlaceAnswer(
        error=_(
            "“%(name)s” is not a municipality, postcode or deelgemeente of the province of Antwerp. "
            "Pick one from the list."
        )
        % {"name": query.strip()}
    )


def _answer_for_place(place: "places.Place") -> PlaceAnswer:
    words = {
        "place": place.name,
        "postcode": place.postcode,
        "municipality": places.municipality_name(place.municipality_nis),
        "year": place.since,
    }
    if place.kind == "left":
        return PlaceAnswer(
            error=_(
                "%(place)s has been part of %(municipality)s since %(year)s: outside the province of Antwerp."
            )
            % words
        )
    municipality = (
        Municipality.objects.select_related("region").filter(nis_code=place.municipality_nis).first()
    )
    if municipality is None:
        return PlaceAnswer(error=_("%(place)s is not in one of the regions of the province.") % words)
    notes = {
        "district": _("%(place)s is a district of %(municipality)s."),
        "merged": _("%(place)s has been part of %(municipality)s since %(year)s."),
    }
    note = notes.get(place.kind, _("%(place)s (%(postcode)s) is part of %(municipality)s."))
    return PlaceAnswer(municipality=municipality, note=note % words)


def _answer_for_postcode(postcode: str) -> PlaceAnswer:
    records = places.municipalities_for_postcode(postcode)
    if not records:
        return PlaceAnswer(error=_("%(postcode)s is not a Belgian postcode.") % {"postcode": postcode})
    inside = [r for r in records if places.in_province(r)]
    if not inside:
        return PlaceAnswer(
            error=_("%(postcode)s is a postcode of %(municipality)s, outside the province of Antwerp.")
            % {"postcode": postcode, "municipality": records[0]["name"]["nl"]}
        )
    municipality = Municipality.objects.select_related("region").filter(nis_code=inside[0]["id"]).first()
    if municipality is None:
        return PlaceAnswer(
            error=_("%(postcode)s is not in one of the regions of the province.") % {"postcode": postcode}
        )
    note = _("%(postcode)s is the postcode of %(municipality)s.")
    return PlaceAnswer(
        municipality=municipality, note=note % {"postcode": postcode, "municipality": municipality.name}
    )


def municipality_names() -> list[str]:
    return list(Municipality.objects.order_by("name").values_list("name", flat=True))


def regions_for_map() -> QuerySet[Region]:
    return Region.objects.only(
        "id",
        "slug",
        "name_nl",
        "name_en",
        "short_description_nl",
        "short_description_en",
        "image_card",
        "image_alt_nl",
        "image_alt_en",
    )


def region_page(*, slug: str) -> Region:
    """A region with everything its page shows, in a fixed number of queries."""
    needs = SpeciesNeed.objects.select_related("species").prefetch_related("elements")
    measures = RegionMeasure.objects.select_related("measure").prefetch_related("measure__applies_to")
    return Region.objects.prefetch_related(
        "landscape_types",
        "municipalities",
        Prefetch("species_needs", queryset=needs),
        Prefetch("region_measures", queryset=measures),
    ).get(slug=slug)


def regions_feature_collection(*, simplified: bool) -> dict:
    """All regions as an RFC 7946 FeatureCollection, in one query."""
    geometry = "boundary_simplified" if simplified else "boundary"
    rows = Region.objects.order_by("name_nl").values(
        "slug", "name_nl", "name_en", "short_description_nl", "short_description_en", geometry
    )
    features = []
    for row in rows:
        geom = row.pop(geometry)
        slug = row["slug"]
        features.append(
            {
                "type": "Feature",
                "id": slug,
                "geometry": geom,
                "properties": row | {"url": reverse("landscapes:region-detail", kwargs={"slug": slug})},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def region_cards() -> list[dict]:
    """What the overview map shows of each region in its card, in the active language, one query."""
    cards = []
    for region in regions_for_map().order_by("name_nl"):
        texts = {
            "name": region.name,
            "short_description": region.short_description,
            "image_alt": region.image_alt,
        }
        cards.append(
            texts
            | {
                "slug": region.slug,
                "image": region.image_card.url if region.image_card else "",
                "url": region.get_absolute_url(),
                "brochure_url": reverse("landscapes:region-brochure", kwargs={"slug": region.slug}),
                # The texts shown in Dutch for want of an English one: the map's card marks them lang="nl".
                "dutch": [key for key, text in texts.items() if is_dutch_fallback(text)],
            }
        )
    return cards


def municipality_regions() -> dict[str, str]:
    """Municipality name -> region slug."""
    return dict(
        Municipality.objects.filter(region__isnull=False).order_by("name").values_list("name", "region__slug")
    )


def finder_suggestions() -> list[dict]:
    """What the finder offers while typing: the municipalities, then the deelgemeenten, districts
    and former municipalities of the province with the municipality they belong to."""
    names = list(
        Municipality.objects.filter(region__isnull=False).order_by("name").values_list("name", flat=True)
    )
    known = {places.fold(n) for n in names}
    suggestions = [{"value": name, "label": ""} for name in names]
    for place in sorted(places.places_by_name().values(), key=lambda p: p.name):
        if place.kind != "left" and places.fold(place.name) not in known:
            suggestions.append(
                {"value": place.name, "label": places.municipality_name(place.municipality_nis)}
            )
    return suggestions


def measures_by_application_area(*, region: Region) -> list[tuple]:
    """The region's measures grouped by where they apply, in priority order (uses prefetched data)."""
    from .models import ApplicationArea

    groups: dict[int, tuple[ApplicationArea, list]] = {
        area.pk: (area, []) for area in ApplicationArea.objects.all()
    }
    for region_measure in region.region_measures.all():
        for area in region_measure.measure.applies_to.all():
            groups[area.pk][1].append(region_measure)
    return [(area, items) for area, items in groups.values() if items]


def region_index(*, landscape_type: str = "") -> QuerySet[Region]:
    """Regions for the index page, with their landscape types, optionally of one type only."""
    regions = in_name_order(regions_for_map().prefetch_related("landscape_types"))
    if landscape_type:
        regions = regions.filter(landscape_types__code=landscape_type)
    return regions


@dataclass(frozen=True)
class SpeciesEntry:
    """A species on the index page with what it uses the landscapes for, anywhere."""

    species: Species
    regions_count: int
    uses: list[str]


def species_index(*, query: str = "", group: str = "") -> list[tuple[str, list[SpeciesEntry]]]:
    """Species grouped by their group (in the order of ``Species.Group``), each with its needs.

    ``query`` matches any part of the Dutch, English or scientific name.
    """
    species = in_name_order(
        Species.objects.prefetch_related(
            Prefetch("needs", queryset=SpeciesNeed.objects.only(*SpeciesNeed.USES, "species_id", "region_id"))
        )
    )
    if query.strip():
        q = query.strip()
        species = species.filter(
            Q(name_nl__icontains=q) | Q(name_en__icontains=q) | Q(scientific_name__icontains=q)
        )
    if group:
        species = species.filter(group=group)
    grouped: dict[str, list[SpeciesEntry]] = {value: [] for value in Species.Group.values}
    for item in species:
        needs = list(item.needs.all())
        uses = list(dict.fromkeys(use for need in needs for use in need.uses))
        grouped[item.group].append(SpeciesEntry(item, len({n.region_id for n in needs}), uses))
    labels = dict(Species.Group.choices)
    return [(str(labels[value]), items) for value, items in grouped.items() if items]


def measures_with_goals_and_services(*, region: Region | None = None) -> QuerySet:
    """Measures with their SDGs and ecosystem services prefetched; those of one region when given."""
    from .models import Measure

    measures = in_name_order(Measure.objects.prefetch_related("development_goals", "ecosystem_services"))
    if region is not None:
        measures = measures.filter(region_measures__region=region)
    return measures


def goals_and_services() -> tuple[list, list]:
    """The 17 Sustainable Development Goals and the ecosystem services, in their order."""
    from .models import DevelopmentGoal, EcosystemService

    return list(DevelopmentGoal.objects.order_by("number")), list(in_name_order(EcosystemService.objects))


MUNICIPALITIES_FILE = (
    Path(settings.BASE_DIR) / "fixtures" / "landscapes" / "geo" / "antwerp_municipalities_2025.geojson"
)
# The same tolerance as the regions, so their borders and the municipalities' run together.
MUNICIPALITY_TOLERANCE_DEGREES = 0.0015


@cache
def municipalities_feature_collection() -> dict:
    """The 67 municipalities (Statbel 2025) with simplified borders that stay shared, and a point
    inside each for its name; read once per process from the reference file."""
    with open(MUNICIPALITIES_FILE, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    geoms = [shape(f["geometry"]) for f in features]
    borders = shapely.coverage_simplify(geoms, MUNICIPALITY_TOLERANCE_DEGREES)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f["properties"]["nis"],
                "geometry": to_geojson(border, precision=5),
                "properties": {
                    "name": f["properties"]["name_nl"],
                    "label_point": _rounded_point(geom.representative_point()),
                },
            }
            for f, geom, border in zip(features, geoms, borders, strict=True)
        ],
    }


def _rounded_point(point) -> list[float]:
    return [round(point.x, 5), round(point.y, 5)]


@cache
def _municipality_extents() -> dict[str, dict]:
    with open(MUNICIPALITIES_FILE, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    extents = {}
    for f in features:
        geom = shape(f["geometry"])
        west, south, east, north = geom.bounds
        point = geom.representative_point()
        extents[f["properties"]["nis"]] = {
            "bounds": [[round(south, 5), round(west, 5)], [round(north, 5), round(east, 5)]],
            "point": {"lat": round(point.y, 6), "lon": round(point.x, 6)},
        }
    return extents


def municipality_extent(*, nis_code: str) -> dict | None:
    """A municipality's bounds (``[[south, west], [north, east]]``) and a point inside it
    (``{"lat", "lon"}``), from the Statbel reference borders; None for an unknown code."""
    return _municipality_extents().get(nis_code)


def measures_with_region_first(*, region: Region | None) -> QuerySet[Measure]:
    """The whole catalogue, the measures of the region's landscape image first (``in_region``)."""
    in_region = RegionMeasure.objects.filter(region=region, measure=OuterRef("pk"))
    return Measure.objects.annotate(in_region=Exists(in_region)).order_by("-in_region", "name_nl")
