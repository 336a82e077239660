"""Demo content: the 18 regions built from real municipality boundaries, with species and measures.

Safe to run again: every record is matched on its natural key and updated in place.
"""

import csv
import json
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from shapely.geometry import shape
from shapely.ops import unary_union

from .demo_images import draw_landscape
from .geometry import to_geojson
from .models import (
    ApplicationArea,
    DevelopmentGoal,
    EcosystemService,
    LandscapeType,
    Measure,
    Municipality,
    Region,
    RegionMeasure,
    Species,
    SpeciesNeed,
)
from .services import resimplify_all_regions, save_region
from .vocabulary import load_vocabularies

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "landscapes"
GEO = FIXTURES / "geo"
USES = SpeciesNeed.USES


def _read_geography() -> tuple[list[dict], dict[str, dict]]:
    with open(GEO / "regions.csv", newline="", encoding="utf-8") as fh:
        regions = list(csv.DictReader(fh))
    with open(GEO / "antwerp_municipalities_2025.geojson", encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return regions, {f["properties"]["nis"]: f for f in features}


def _content() -> dict:
    with open(FIXTURES / "demo_content.json", encoding="utf-8") as fh:
        return json.load(fh)


def load(*, stdout=None) -> None:
    with transaction.atomic():
        content = _content()
        _load_catalogue(content)
        _load_regions(content)
    resimplify_all_regions()
    _report(stdout)


def load_geography(*, stdout=None) -> None:
    """Only the 18 regions' boundaries and the municipalities, with placeholder texts (benchmarks)."""
    texts = ("short_description_nl", "short_description_en", "description_nl", "description_en")
    placeholder = dict.fromkeys(texts, "—")
    rows, _ = _read_geography()
    content: dict = {
        "regions": {
            row["slug"]: placeholder | {"landscape_types": [], "species_needs": [], "measures": []}
            for row in rows
        }
    }
    with transaction.atomic():
        _load_regions(content, with_images=False)
    resimplify_all_regions()
    _report(stdout)


def _report(stdout) -> None:
    if stdout:
        stdout.write(
            f"landscapes: {Region.objects.count()} regions, {Municipality.objects.count()} "
            f"municipalities, {Species.objects.count()} species, {Measure.objects.count()} measures"
        )


def _load_catalogue(content: dict) -> None:
    load_vocabularies(ApplicationArea, EcosystemService, DevelopmentGoal)
    for item in content["landscape_types"]:
        LandscapeType.objects.update_or_create(
            code=item["code"], defaults={"name_nl": item["name_nl"], "name_en": item["name_en"]}
        )
    for item in content["species"]:
        Species.objects.update_or_create(
            scientific_name=item["scientific_name"],
            defaults={
                k: item[k] for k in ("name_nl", "name_en", "group", "description_nl", "description_en")
            },
        )
    species = {s.scientific_name: s for s in Species.objects.all()}
    areas = {a.code: a for a in ApplicationArea.objects.all()}
    services = {s.code: s for s in EcosystemService.objects.all()}
    goals = {g.number: g for g in DevelopmentGoal.objects.all()}
    for item in content["measures"]:
        fields = ("name_nl", "name_en", "summary_nl", "summary_en", "how_to_nl", "how_to_en")
        measure, _ = Measure.objects.update_or_create(
            slug=item["slug"], defaults={k: item[k] for k in fields}
        )
        measure.applies_to.set([areas[c] for c in item["applies_to"]])
        measure.ecosystem_services.set([services[c] for c in item["ecosystem_services"]])
        measure.development_goals.set([goals[n] for n in item["sdgs"]])
        measure.species.set([species[n] for n in item["species"]])


def _load_regions(content: dict, *, with_images: bool = True) -> None:
    rows, municipalities = _read_geography()
    species = {s.scientific_name: s for s in Species.objects.all()}
    measures = {m.slug: m for m in Measure.objects.all()}
    types = {t.code: t for t in LandscapeType.objects.all()}
    for row in rows:
        nis_codes = row["municipality_nis"].split()
        boundary = to_geojson(unary_union([shape(municipalities[n]["geometry"]) for n in nis_codes]))
        text = content["regions"][row["slug"]]
        region = Region.objects.filter(slug=row["slug"]).first() or Region(slug=row["slug"])
        region.name_nl, region.name_en = row["name_nl"], row["name_en"]
        for key in (
            "short_description_nl",
            "short_description_en",
            "description_nl",
            "description_en",
        ):
            setattr(region, key, text[key])
        region.boundary = boundary
        region.image_alt_nl = f"Getekend typebeeld van het landschap: {row['name_nl']}"
        region.image_alt_en = f"Drawn typical image of the landscape: {row['name_en']}"
        save_region(region=region)
        if with_images and not region.image:
            picture = draw_landscape(slug=row["slug"], landscape_types=tuple(text["landscape_types"]))
            region.image.save(f"{row['slug']}.jpg", ContentFile(picture), save=False)
            save_region(region=region)
        region.landscape_types.set([types[c] for c in text["landscape_types"]])
        for nis in nis_codes:
            props = municipalities[nis]["properties"]
            Municipality.objects.update_or_create(
                nis_code=nis,
                defaults={
                    "name": props["name_nl"],
                    "region": region,
                    "boundary": municipalities[nis]["geometry"],
                },
            )
        _load_needs(region, text["species_needs"], species, measures)
        _load_region_measures(region, text["measures"], measures)


def _load_needs(region: Region, needs: list[dict], species: dict, measures: dict) -> None:
    keep = []
    for item in needs:
        need, _ = SpeciesNeed.objects.update_or_create(
            region=region,
            species=species[item["species"]],
            defaults={u: u in item["uses"] for u in USES}
            | {"note_nl": item["note_nl"], "note_en": item["note_en"]},
        )
        need.elements.set([measures[m] for m in item["elements"]])
        keep.append(need.pk)
    region.species_needs.exclude(pk__in=keep).delete()


def _load_region_measures(region: Region, items: list[dict], measures: dict) -> None:
    keep = []
    for item in items:
        rm, _ = RegionMeasure.objects.update_or_create(
            region=region,
            measure=measures[item["measure"]],
            defaults={
                "priority": item["priority"],
                "note_nl": item["note_nl"],
                "note_en": item["note_en"],
            },
        )
        keep.append(rm.pk)
    region.region_measures.exclude(pk__in=keep).delete()
