"""Serializer fields shared by the apps' APIs: dates and moments follow ``portal.dates``."""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from .dates import validate_date_in_range, validate_moment
from .types import AnyUser


def _check(rule: Callable, value) -> None:
    try:
        rule(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages, code=exc.code) from None


class DateTimeField(serializers.DateTimeField):
    """Checked before it is moved to the portal's time zone, so the offset sent is the one judged."""

    def enforce_timezone(self, value):
        _check(validate_moment, value)
        return super().enforce_timezone(value)


class DateField(serializers.DateField):
    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        _check(validate_date_in_range, day)
        return day


class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer with the portal's date and moment fields."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
        models.DateField: DateField,
    }


class PersonalFieldsMixin:
    """People's names are never public: the fields named in ``Meta.personal_fields`` (who set a
    camera up, a contact person…) are answered empty unless ``may_see_names(user)`` says the user
    asking may see them, so an anonymous answer has the same shape without the names."""

    def may_see_names(self, user: AnyUser | None) -> bool:
        return False

    def to_representation(self, instance):  # type: ignore[no-untyped-def]
        data = super().to_representation(instance)  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        if not self.may_see_names(getattr(request, "user", None)):
            for name in getattr(self.Meta, "personal_fields", ()):  # type: ignore[attr-defined]
                if name in data:
                    data[name] = "" if isinstance(data[name], str) else None
        return data
