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

UNSAFE = re.compile("[\x00\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def unsafe_message() -> str:
    return _("Null characters are not allowed.")


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
                return name or "non_field_errors", unsafe_message()
        elif isinstance(value, dict):
            for key, child in value.items():
                if is_unsafe(key):
                    return name or "non_field_errors", unsafe_message()
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


def _unsafe_part(request: HttpRequest) -> str | None:
    """The name of the first part of the request that carries unsafe text, or None."""
    if is_unsafe(request.path_info):
        return "path"
    if is_unsafe(request.META.get("HTTP_AUTHORIZATION", "")) or is_unsafe(
        _basic_credentials(request.META.get("HTTP_AUTHORIZATION", ""))
    ):
        return "Authorization"
    sources = [request.GET, request.COOKIES]
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    for source in sources:
        items = source.lists() if hasattr(source, "lists") else ((k, [v]) for k, v in source.items())
        for key, values in items:
            if is_unsafe(key) or any(is_unsafe(value) for value in values):
                return key if not is_unsafe(key) else "non_field_errors"
    if sources[-1] is request.POST:
        for key, uploads in request.FILES.lists():
            if any(is_unsafe(upload.name or "") for upload in uploads):
                return key
    return None


def bad_input_response(request: HttpRequest, part: str) -> HttpResponse:
    message = unsafe_message()
    if request.path_info.startswith("/api/"):
        return JsonResponse({part: [message]}, status=400)
    return render(request, "portal/bad_input.html", {"part": part, "message": message}, status=400)


class RejectUnsafeTextMiddleware:
    """Answer 400, naming the part, when any text of the request is one no database stores."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        part = _unsafe_part(request)
        if part is not None:
            return bad_input_response(request, part)
        return self.get_response(request)
