"""A value that cannot be a key, sent to an admin autocomplete field, is the field's error, not a 500."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from portal.admin_config import SafeAutocompleteMixin

pytestmark = pytest.mark.django_db


def _admins_with_autocomplete_fields() -> list[type]:
    found = []
    for model_admin in admin.site._registry.values():
        for candidate in [type(model_admin), *model_admin.inlines]:
            if candidate.autocomplete_fields:
                found.append(candidate)
    return found


def test_every_admin_with_autocomplete_fields_shows_a_bad_value_as_a_field_error():
    admins = _admins_with_autocomplete_fields()
    assert admins, "no admin has autocomplete fields: this test has nothing to check"
    assert [a.__name__ for a in admins if not issubclass(a, SafeAutocompleteMixin)] == []


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("/admin/landscapes/speciesneed/add/", {"species": "abc"}, "species"),
        ("/admin/landscapes/speciesneed/add/", {"species": "1.5", "elements": ["abc"]}, "elements"),
        ("/admin/landscapes/measure/add/", {"name_nl": "Poel", "species": ["abc"]}, "species"),
    ],
)
def test_a_value_that_cannot_be_a_key_is_refused_on_its_field(client, path, data, field):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))

    response = client.post(path, data)

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
