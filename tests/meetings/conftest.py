import pytest

from tests.meetings.factories import UserFactory


@pytest.fixture
def organiser(db):
    return UserFactory(username="organiser", organiser=True)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client
