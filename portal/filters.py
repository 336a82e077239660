"""Filters shared by the apps' APIs: values a database can compare, or a 400 naming the parameter."""

from django import forms
from django_filters import rest_framework as filters

from .dates import validate_date_in_range, validate_moment

# The largest primary key any supported database stores (a 64-bit signed integer).
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(filters.NumberFilter):
    """An id as a whole number a database can hold (``1e40`` or ``-3`` answer 400, not 500)."""

    field_class = IdField


class DateFilter(filters.DateFilter):
    """A day inside the portal's calendar (``portal.dates``), or a 400 naming the parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_date_in_range])
        super().__init__(*args, **kwargs)


class IsoDateTimeFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 moment with a real time-zone offset inside the portal's calendar."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_moment])
        super().__init__(*args, **kwargs)
