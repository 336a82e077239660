"""Every model text field of the project's apps holds one line: a text that may run over several
lines is a TextField. A CharField refuses a line break with a field error, through
``portal.text.validate_one_line`` (or a validator or choice list that refuses it anyway), so each
form, the admin and the API refuse it alike, and no name or title breaks an e-mail header, a
calendar line or a CSV cell."""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from rest_framework import serializers

from portal.text import validate_one_line

PROJECT_APPS = ("landscapes", "meetings", "biodiva", "monitoring", "advice", "projects")
LINE_BREAKS = ["a\r\nb", "a\nb", "a\rb", "a\u2028b", "a\u2029b", "a\x85b", "a\x0bb"]

# "app.Model.field": why it may hold a line break. Empty: a field that must hold several lines is a
# TextField. Add a CharField here only with the reason, and know that its value then reaches e-mails,
# calendars and exports as it is.
MAY_HOLD_LINE_BREAKS: dict[str, str] = {}


def _char_fields() -> list[tuple[str, models.CharField]]:
    return [
        (f"{model._meta.label}.{field.name}", field)
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField)
    ]


def _refuses_every_line_break(field: models.CharField) -> bool:
    """A choice field takes only its values; other fields need a validator (not the length) that
    refuses each kind of line break."""
    if field.choices:
        return True
    checks = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    for value in LINE_BREAKS:
        try:
            for check in checks:
                check(value)
        except ValidationError:
            continue
        return False
    return True


def test_the_walk_finds_the_text_fields_of_every_app():
    labels = {name.split(".")[0] for name, _field in _char_fields()}
    assert labels == set(PROJECT_APPS)


def test_every_model_char_field_refuses_a_line_break():
    accepting = [
        name
        for name, field in _char_fields()
        if name not in MAY_HOLD_LINE_BREAKS and not _refuses_every_line_break(field)
    ]
    assert accepting == []


def test_the_exemptions_name_fields_that_exist_and_accept_line_breaks():
    fields = dict(_char_fields())
    for name in MAY_HOLD_LINE_BREAKS:
        assert name in fields and not _refuses_every_line_break(fields[name]), name


def _model_serializers() -> list[type[serializers.ModelSerializer]]:
    from importlib import import_module

    for label in PROJECT_APPS:
        import_module(f"{label}.serializers")
    found, todo = [], [serializers.ModelSerializer]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        meta = getattr(cls, "Meta", None)
        if cls.__module__.split(".")[0] in PROJECT_APPS and getattr(meta, "model", None):
            found.append(cls)
    return found


def test_the_api_serializers_are_found():
    names = {cls.__name__ for cls in _model_serializers()}
    assert {"StructureSerializer", "DeploymentSerializer", "ObservationSerializer"} <= names


@pytest.mark.django_db
def test_every_api_field_written_to_a_one_line_model_field_refuses_a_line_break():
    """ModelSerializer copies the model field's validators; a field declared by hand must name
    ``validate_one_line`` itself."""
    checked, accepting = set(), []
    for cls in _model_serializers():
        model = cls.Meta.model
        for name, field in cls().fields.items():
            source = field.source or name
            if field.read_only or "." in source or not isinstance(field, serializers.CharField):
                continue
            try:
                model_field = model._meta.get_field(source)
            except FieldDoesNotExist:  # a field of the serializer's own
                continue
            if validate_one_line not in getattr(model_field, "validators", []):
                continue
            checked.add(f"{cls.__name__}.{name}")
            try:
                field.run_validation("a\nb")
            except serializers.ValidationError:
                continue
            accepting.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert accepting == []
    assert {"StructureSerializer.name", "DeploymentSerializer.setup_by", "SiteSerializer.address"} <= checked
