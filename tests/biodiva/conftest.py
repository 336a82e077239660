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
