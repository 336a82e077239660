import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch, whatever language an earlier request left active."""
    translation.activate("nl")
    yield
    translation.deactivate()
