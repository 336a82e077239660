"""Reads from the landscapes app that other code (views, API, other apps) relies on."""

import unicodedata

from django.db.models import Prefetch, QuerySet

from . import spatial
from .models import Municipality, Region, RegionMeasure, SpeciesNeed


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
        "boundary_simplified",
        "image_thumb",
        "image_card",
    )


def region_page(*, slug: str) -> Region:
    """A region with everything its page shows, in a fixed number of queries."""
    needs = SpeciesNeed.objects.select_related("species").prefetch_related("elements")
    measures = RegionMeasure.objects.select_related("measure").prefetch_related(
        "measure__applies_to", "measure__ecosystem_services", "measure__development_goals"
    )
    return Region.objects.prefetch_related(
        "landscape_types",
        "municipalities",
        Prefetch("species_needs", queryset=needs),
        Prefetch("region_measures", queryset=measures),
    ).get(slug=slug)
