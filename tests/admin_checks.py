"""What an admin page must show, shared by the apps' admin tests."""

from django.apps import apps
from django.test import Client
from django.utils.html import escape


def assert_changelist_lists_every_row(client: Client, app_label: str, model_name: str) -> None:
    """The list page counts every row of the model and names the first one."""
    model = apps.get_model(app_label, model_name)
    response = client.get(f"/admin/{app_label}/{model_name}/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count()
    first = model.objects.first()
    if first is not None:
        assert escape(str(first)) in response.content.decode()


def assert_add_form_has_its_fields(client: Client, app_label: str, model_name: str) -> None:
    """The add page renders an input for every field of the admin's form (date and time as two)."""
    response = client.get(f"/admin/{app_label}/{model_name}/add/")
    assert response.status_code == 200
    html = response.content.decode()
    fields = list(response.context["adminform"].form.fields)
    assert fields or response.context["adminform"].readonly_fields, "the add page shows the model"
    missing = [name for name in fields if f'name="{name}"' not in html and f'name="{name}_0"' not in html]
    assert missing == [], missing
