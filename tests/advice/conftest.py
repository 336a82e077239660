import pytest

from landscapes.models import Municipality
from tests.landscapes.factories import RegionFactory

from .factories import UserFactory, ecologist


@pytest.fixture
def region(db):
    """A square region around (4.45, 51.15) with the municipality Boom in it."""
    region = RegionFactory(slug="rupel", name_nl="Rupelstreek", name_en="Rupel area")
    Municipality.objects.create(nis_code="11005", name="Boom", region=region)
    return region


@pytest.fixture
def eco(db):
    return ecologist("eco")


@pytest.fixture
def other_staff(db):
    """Staff of another team (admin access, organiser of meetings) but not an ecologist."""
    return UserFactory(username="staff", is_staff=True, groups=["organisers"])
