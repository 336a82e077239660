"""What an admin page must show, shared by the apps' admin tests."""

from typing import Any

from django import forms
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


def change_form_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """What the admin's change page at ``url`` posts when only ``changes`` are edited (its inline
    rows left out: their forms count none)."""
    response = client.get(url)
    assert response.status_code == 200
    data: dict[str, Any] = {}
    for field in response.context["adminform"].form:
        value, widget = field.value(), field.field.widget
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            names = [f"{field.html_name}{suffix}" for suffix in widget.widgets_names]
            data |= {name: _posted(part) for name, part in zip(names, parts, strict=True)}
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [_posted(v) for v in value]
        else:
            data[field.html_name] = _posted(value)
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def _posted(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
