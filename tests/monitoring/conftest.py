import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch, whatever language an earlier request left active."""
    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached overview figures never leak from one test's database into the next."""
    cache.clear()
    yield
    cache.clear()
