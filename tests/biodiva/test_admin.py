"""The admin pages list every row and render their whole form for staff."""

import pytest

from tests.admin_checks import assert_add_form_has_its_fields, assert_changelist_lists_every_row

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
    assert_changelist_lists_every_row(client, "biodiva", model)
    assert_add_form_has_its_fields(client, "biodiva", model)
