"""manage.py load_demo: the demo content, safe to load twice."""

import pytest
from django.core.management import call_command

from landscapes.models import Measure, Municipality, Region, RegionMeasure, Species, SpeciesNeed

pytestmark = pytest.mark.django_db

REQUIRED_SPECIES = {
    "Vulpes vulpes": "red fox",
    "Martes foina": "beech marten",
    "Martes martes": "pine marten",
    "Mustela nivalis": "least weasel",
    "Rana arvalis": "moor frog",
    "Triturus cristatus": "great crested newt",
    "Muscardinus avellanarius": "hazel dormouse",
    "Myotis emarginatus": "Geoffroy's bat",
    "Caprimulgus europaeus": "European nightjar",
    "Lacerta agilis": "sand lizard",
}


def counts() -> dict:
    models = (Region, Municipality, Species, Measure, SpeciesNeed, RegionMeasure)
    return {model.__name__: model.objects.count() for model in models}


def test_load_demo_twice_gives_the_same_content(capsys):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert first["Region"] == 18 and first["Municipality"] == 67
    assert "Demo content loaded." in capsys.readouterr().out


def test_demo_regions_are_complete(db):
    call_command("load_demo")
    for region in Region.objects.prefetch_related("species_needs", "region_measures", "landscape_types"):
        assert region.image and region.image_thumb and region.image_card and region.image_wide, region.slug
        assert region.species_needs.exists() and region.region_measures.exists(), region.slug
        assert region.landscape_types.exists(), region.slug
        assert region.description_nl and region.description_en, region.slug
    names = dict(Species.objects.values_list("scientific_name", "name_en"))
    for scientific, english in REQUIRED_SPECIES.items():
        assert names[scientific].lower() == english.lower()
    assert Region.objects.get(slug="rupel-zenne-dijle").municipalities.filter(name="Boom").exists()
