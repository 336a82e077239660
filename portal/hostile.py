"""Text no database stores: NUL characters and lone UTF-16 surrogates.

PostgreSQL refuses both in any text value (SQLite stores them and breaks later readers), and no real
person types them, so a request carrying them anywhere answers 400 naming the part at fault before
any view or query sees it: the path, a query parameter, a form field, an uploaded file's name, a
cookie, HTTP Basic credentials (here, in the middleware) and JSON bodies (in the API's parser).
"""

import base64
import binascii
import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .querystring import is_plain_query

UNSAFE = re.compile("[\x00\ud800-\udfff]")
NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def unsafe_message(text: str = NUL) -> str:
    """What is wrong with an unsafe text: a NUL character, or else a lone surrogate."""
    if NUL in text:
        return _("Null characters are not allowed.")
    return _("Lone surrogate characters (invalid Unicode) are not allowed.")


def is_unsafe(text: str) -> bool:
    return bool(UNSAFE.search(text))


def first_unsafe_text(document, field: str = "") -> tuple[str, str] | None:
    """The first string (key or value) of a parsed JSON document that no database stores, as
    ``(top-level field, message)``; None when all is well."""
    stack = [(document, field)]
    while stack:
        value, name = stack.pop()
        if isinstance(value, str):
            if is_unsafe(value):
                return name or "non_field_errors", unsafe_message(value)
        elif isinstance(value, dict):
            for key, child in value.items():
                if is_unsafe(key):
                    return name or "non_field_errors", unsafe_message(key)
                stack.append((child, name or key))
        elif isinstance(value, list):
            stack.extend((child, name) for child in value)
    return None


def _basic_credentials(header: str) -> str:
    scheme, _sep, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        return base64.b64decode(encoded.strip(), validate=False).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return ""


def _unsafe_part(request: HttpRequest) -> tuple[str, str] | None:
    """The name of the first part of the request that carries unsafe text and that text, or None."""
    if is_unsafe(request.path_info):
        return "path", request.path_info
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    for text in (authorization, _basic_credentials(authorization)):
        if is_unsafe(text):
            return "Authorization", text
    # A plain query (a map's lookups carry one) holds no unsafe character: it needs no parsing.
    plain = is_plain_query(request.META.get("QUERY_STRING", ""))
    sources = [request.COOKIES] if plain else [request.GET, request.COOKIES]
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    for source in sources:
        items = source.lists() if hasattr(source, "lists") else ((k, [v]) for k, v in source.items())
        for key, values in items:
            if is_unsafe(key):
                return "non_field_errors", key
            for value in values:
                if is_unsafe(value):
                    return key, value
    if sources[-1] is request.POST:
        for key, uploads in request.FILES.lists():
            for upload in uploads:
                if is_unsafe(upload.name or ""):
                    return key, upload.name or ""
    return None


def bad_input_response(request: HttpRequest, part: str, text: str = NUL) -> HttpResponse:
    message = unsafe_message(text)
    if request.path_info.startswith("/api/"):
        return JsonResponse({part: [message]}, status=400)
    return render(request, "portal/bad_input.html", {"part": part, "message": message}, status=400)


class RejectUnsafeTextMiddleware:
    """Answer 400, naming the part, when any text of the request is one no database stores."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        unsafe = _unsafe_part(request)
        if unsafe is not None:
            return bad_input_response(request, *unsafe)
        return self.get_response(request)
