"""Fixtures for the BIODIVA tests: the shipped questionnaire and companies with their users."""

from pathlib import Path

import pytest
from django.conf import settings

from biodiva.questionnaire import import_questionnaire_file

from .factories import CompanyFactory, SiteFactory, UserFactory

QUESTIONNAIRE = Path(settings.BASE_DIR) / "fixtures" / "biodiva" / "questionnaire_v1.json"


@pytest.fixture
def questionnaire(db):
    """Version 1 of the demo questionnaire, published."""
    return import_questionnaire_file(path=QUESTIONNAIRE)


@pytest.fixture
def company_user(db):
    return UserFactory(username="alice")


@pytest.fixture
def company(company_user):
    return CompanyFactory(name="Steenbakkerij Alfa", members=[company_user])


@pytest.fixture
def site(company):
    """A site without a region (no regions loaded); use ``boom_site`` for the real lookup."""
    return SiteFactory(company=company, name="Werf Boom")


@pytest.fixture
def boom_site(regions, company):
    """A site in Boom, in the region "Rupel, Zenne en Dijle", with its region found from the location."""
    from biodiva.services import save_site

    from .factories import BOOM

    site = SiteFactory.build(company=company, name="Werf Boom", **BOOM)
    return save_site(site=site)


@pytest.fixture
def rupel_measures(regions):
    """Measures of the landscape image of Rupel, Zenne en Dijle (the demo content is not loaded)."""
    from landscapes.models import RegionMeasure, SpeciesNeed
    from tests.landscapes.factories import MeasureFactory, SpeciesFactory

    region = regions["rupel-zenne-dijle"]
    newt = SpeciesFactory(
        scientific_name="Triturus cristatus", name_nl="kamsalamander", name_en="great crested newt"
    )
    measures = {}
    for priority, slug in enumerate(["pond", "hedgerow", "nest_boxes", "flower_rich_verge", "green_roof"], 1):
        measures[slug] = MeasureFactory(
            slug=slug, name_nl=f"nl {slug}", name_en=f"en {slug}", applies_to=["company_site"]
        )
        RegionMeasure.objects.create(region=region, measure=measures[slug], priority=priority)
    need = SpeciesNeed.objects.create(region=region, species=newt, breeding=True)
    need.elements.add(measures["pond"])
    # a measure of another region only
    other = MeasureFactory(slug="field_margin", applies_to=["company_site"])
    RegionMeasure.objects.create(region=regions["kalmthoutse-heide"], measure=other, priority=1)
    return measures
