"""Small factories for landscapes data, and the real 18 regions from the shared boundaries."""

import csv
import json
from functools import cache
from pathlib import Path

import factory
from django.conf import settings
from shapely.geometry import shape
from shapely.ops import unary_union

from landscapes.geometry import to_geojson
from landscapes.models import (
    ApplicationArea,
    DevelopmentGoal,
    EcosystemService,
    Measure,
    Municipality,
    Region,
    Species,
)
from landscapes.services import resimplify_all_regions
from landscapes.vocabulary import load_vocabularies

GEO = Path(settings.BASE_DIR) / "fixtures" / "landscapes" / "geo"


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_nl = factory.Sequence(lambda n: f"Regio {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    short_description_nl = "Een landschap met poelen en hagen."
    short_description_en = "A landscape of ponds and hedgerows."
    description_nl = "Lange beschrijving.\n\nTweede alinea."
    description_en = "Long description.\n\nSecond paragraph."
    boundary = factory.LazyFunction(lambda: square(4.4, 51.1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as the portal saves regions: with their simplified boundary and a fresh lookup index."""
        from landscapes.services import save_region

        return save_region(region=super()._create(model_class, *args, **kwargs))


class SpeciesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Species
        django_get_or_create = ("scientific_name",)

    scientific_name = factory.Sequence(lambda n: f"Genus species{n}")
    name_nl = factory.Sequence(lambda n: f"soort {n}")
    name_en = factory.Sequence(lambda n: f"species {n}")
    group = Species.Group.MAMMAL


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"measure-{n}")
    name_nl = factory.Sequence(lambda n: f"maatregel {n}")
    name_en = factory.Sequence(lambda n: f"measure {n}")
    summary_nl = "Korte samenvatting."
    summary_en = "Short summary."
    how_to_nl = "Zo doe je het."
    how_to_en = "This is how."

    @factory.post_generation
    def applies_to(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["private_garden"]
            self.applies_to.set(ApplicationArea.objects.filter(code__in=codes))


@cache
def _real_geography() -> tuple[tuple[dict, dict], ...]:
    with open(GEO / "regions.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(GEO / "antwerp_municipalities_2025.geojson", encoding="utf-8") as fh:
        features = {f["properties"]["nis"]: f for f in json.load(fh)["features"]}
    result = []
    for row in rows:
        nis = row["municipality_nis"].split()
        boundary = to_geojson(unary_union([shape(features[n]["geometry"]) for n in nis]))
        municipalities = {n: features[n]["properties"]["name_nl"] for n in nis}
        result.append((row | {"boundary": boundary}, municipalities))
    return tuple(result)


def load_real_regions() -> dict[str, Region]:
    """The 18 demonstration regions (no images, short texts) and their 67 municipalities."""
    # A test with transactional_db empties the tables the data migration filled.
    load_vocabularies(ApplicationArea, EcosystemService, DevelopmentGoal)
    regions = {}
    for row, municipalities in _real_geography():
        region = RegionFactory(
            slug=row["slug"],
            name_nl=row["name_nl"],
            name_en=row["name_en"],
            boundary=row["boundary"],
        )
        Municipality.objects.bulk_create(
            [Municipality(nis_code=n, name=name, region=region) for n, name in municipalities.items()]
        )
        regions[region.slug] = region
    resimplify_all_regions()
    return regions


@cache
def municipality_points() -> dict[str, tuple[float, float]]:
    """A point inside each municipality (its representative point), by NIS code."""
    with open(GEO / "antwerp_municipalities_2025.geojson", encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    points = {}
    for f in features:
        p = shape(f["geometry"]).representative_point()
        points[f["properties"]["nis"]] = (p.x, p.y)
    return points
