"""One rule for a plain query string (``portal.querystring``): a query of plain ASCII without
escapes, pluses or NUL characters reads as Django reads it, so the lookup endpoint splits it
without a QueryDict and the unsafe-text middleware checks it whole. Anything else goes through
Django's parsing, with its answers and limits."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from portal.querystring import is_plain_query, query_params

QUERIES = [
    "",
    "lat=51.0875&lon=4.3665",
    "lat=1&lat=51.0875&lon=4.3665",  # repeated: the last value, as QueryDict.get
    "lat=51.0875&lon=4.3665&lon",  # no "=": blank
    "&lat=51.0875&&lon=4.3665=4&",  # empty pairs; "=" in a value
    "=51&lat=",  # empty name and empty value
    "lat=51;lon=4",  # ";" separates nothing
    "lat=%35%31.0875&lon=4.3665",  # escapes
    "lat=+51.0875&lon=4.3665",  # a plus is a space
    "q=caf\u00e9",  # not ASCII
    "q=vos\x00",  # a NUL character
]


def _django_reads(query: str) -> dict[str, str]:
    parsed = QueryDict(query)
    return {key: parsed[key] for key in parsed}


def _read(request) -> dict[str, str]:
    params = query_params(request)
    return {key: params[key] for key in params}


@pytest.mark.parametrize("query", QUERIES)
def test_the_parameters_of_a_query_are_those_django_reads(query):
    request = RequestFactory().get("/")
    request.META["QUERY_STRING"] = query

    assert _read(request) == _django_reads(query)


@pytest.mark.parametrize(
    ("query", "plain"),
    [
        ("lat=51.0875&lon=4.3665", True),
        ("lat=51.0875&lon=4.3665&lon=&=&&", True),
        ("", True),
        ("lat=%35%31", False),
        ("search=a+b", False),
        ("q=caf\u00e9", False),
        ("q=\ud800", False),
        ("q=vos\x00", False),
    ],
)
def test_a_query_is_plain_when_it_decodes_to_its_own_storable_characters(query, plain):
    assert is_plain_query(query) is plain


def test_a_query_with_more_fields_than_django_takes_is_not_plain(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    assert is_plain_query("a=1&b=2&c=3")
    assert not is_plain_query("a=1&b=2&c=3&d=4")
    assert not is_plain_query("&&&")
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = None
    assert is_plain_query("&".join(["a=1"] * 5000))


@given(st.text(alphabet="ab=&%+;3\x00é ", max_size=30))
def test_any_query_reads_as_django_reads_it(query):
    request = RequestFactory().get("/")
    request.META["QUERY_STRING"] = query

    assert _read(request) == _django_reads(query)
