"""Reads from the landscapes app that other code (views, API, other apps) relies on."""

import unicodedata
from collections.abc import Callable, Hashable

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse

from . import spatial
from .models import Measure, Municipality, Region, RegionMeasure, SpeciesNeed


def region_summary_for_point(
    *, lon: float, lat: float, variant: Hashable, serialize: Callable[[Region], dict]
) -> dict | None:
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


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


def municipality_by_name(*, name: str) -> Municipality | None:
    """The municipality with that Dutch name, ignoring case, accents and hyphens."""
    wanted = _fold(name)
    if not wanted:
        return None
    for municipality in Municipality.objects.select_related("region"):
        if _fold(municipality.name) == wanted:
            return municipality
    return None


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
        cards.append(
            {
                "slug": region.slug,
                "name": region.name,
                "short_description": region.short_description,
                "image": region.image_card.url if region.image_card else "",
                "image_alt": region.image_alt,
                "url": region.get_absolute_url(),
                "brochure_url": reverse("landscapes:region-brochure", kwargs={"slug": region.slug}),
            }
        )
    return cards


def municipality_regions() -> dict[str, str]:
    """Municipality name -> region slug, for the finder's completion."""
    return dict(
        Municipality.objects.filter(region__isnull=False).order_by("name").values_list("name", "region__slug")
    )


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


def measures_with_region_first(*, region: Region | None) -> QuerySet[Measure]:
    """The whole catalogue, the measures of the region's landscape image first (``in_region``)."""
    in_region = RegionMeasure.objects.filter(region=region, measure=OuterRef("pk"))
    return Measure.objects.annotate(in_region=Exists(in_region)).order_by("-in_region", "name_nl")
