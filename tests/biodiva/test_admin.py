"""The admin pages of the app open for staff."""

import pytest

from .factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "company",
    "site",
    "questionnaireversion",
    "theme",
    "question",
    "scan",
    "scanresult",
    "actionplanitem",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_pages_open(client, questionnaire, site, model):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert client.get(f"/admin/biodiva/{model}/").status_code == 200
    assert client.get(f"/admin/biodiva/{model}/add/").status_code == 200
