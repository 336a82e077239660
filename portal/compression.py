"""Gzip for large public JSON and GeoJSON answers (the regions GeoJSON is ~200 KB, ~50 KB gzipped).

Only JSON answers (``application/json``, ``application/geo+json``, any ``+json``) are compressed, never
HTML, and only when they hold nothing secret: answers to requests that carry no login (no
authenticated session, no ``Authorization`` header), or answers the view marks ``Cache-Control:
public`` (the same for everyone, like the regions GeoJSON). That keeps BREACH out: the attack needs a
secret (a CSRF token, personal data) and text the attacker chooses in one compressed body; HTML pages
carry CSRF tokens and logged-in answers may carry personal data, so neither is compressed. Django's
``GZipMiddleware`` also pads each compressed body with random bytes ("Heal The BREACH").

Static files are compressed ahead of time by WhiteNoise (``STATIC_COMPRESS``), not here.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

JSON_TYPES = frozenset({"application/json", "application/geo+json"})
# Below this, gzip saves a few hundred bytes at most and costs CPU on hot small answers (the lookup).
MIN_LENGTH = 1024


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in JSON_TYPES or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def carries_login(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(request.META.get("HTTP_AUTHORIZATION")) or bool(user is not None and user.is_authenticated)


def is_public(response: HttpResponseBase) -> bool:
    """The view says the answer is the same for everyone (``Cache-Control: public``)."""
    directives = {d.strip().split("=", 1)[0].lower() for d in response.get("Cache-Control", "").split(",")}
    return "public" in directives


class PublicJsonGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not is_json(response.get("Content-Type", "")):
            return response
        if carries_login(request) and not is_public(response):
            return response
        if isinstance(response, HttpResponse) and len(response.content) < MIN_LENGTH:
            return response
        return super().process_response(request, response)
