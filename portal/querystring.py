"""The one rule for a plain query string, read without Django's parsing.

A query string of ASCII without ``%`` escapes, without ``+`` (a space) and without NUL decodes to
its own characters, none of which a database refuses. Such a query (a map click's
``lat=51.08750&lon=4.36650``) need not be parsed into a ``QueryDict``: ``portal.hostile`` checks
it whole and the lookup endpoint (``landscapes.api.region_lookup``) splits it itself, a sixth of
the lookup's own time. Any other query, or one with more fields than
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (which Django refuses with a 400), goes through ``request.GET``.
"""

from collections.abc import Mapping
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest


@cache
def _field_limit() -> int | None:
    # Read once: an attribute of the lazy settings costs more than the rest of the check.
    return settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


@receiver(setting_changed)
def _forget_field_limit(*, setting: str, **kwargs: object) -> None:
    if setting == "DATA_UPLOAD_MAX_NUMBER_FIELDS":
        _field_limit.cache_clear()


def is_plain_query(query: str) -> bool:
    """Whether ``query`` reads as its own characters, within Django's limit on fields."""
    if not query.isascii() or "%" in query or "+" in query or "\x00" in query:
        return False
    limit = _field_limit()
    # Django refuses more than ``limit`` fields, counted as one more than the "&"s.
    return limit is None or len(query) < limit or query.count("&") < limit


def query_params(request: HttpRequest) -> Mapping[str, str]:
    """The query's parameters, the last value of each (as ``QueryDict.get`` gives it): a plain
    query split directly, any other from ``request.GET``."""
    query = request.META.get("QUERY_STRING", "")
    if not is_plain_query(query):
        return request.GET
    params = {}
    for pair in query.split("&"):  # a plain loop: twice as fast as dict() over a generator
        if pair:
            key, _sep, value = pair.partition("=")
            params[key] = value
    return params
