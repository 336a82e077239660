import pytest

from tests.meetings.factories import UserFactory


@pytest.fixture
def organiser(db):
    return UserFactory(username="organiser", organiser=True)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _language_names_are_codes(settings):
    """This branch's base.html passes a language *name* to ``language_name_local`` (fixed on main);
    with names equal to codes every page renders here too. A no-op once the fix is merged."""
    settings.LANGUAGES = [("nl", "nl"), ("en", "en")]
