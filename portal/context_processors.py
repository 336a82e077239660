"""Values every page template needs."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def portal(request: HttpRequest) -> dict:
    return {
        "language_links": language_links(request),
        "contact_email": settings.CONTACT_EMAIL,
    }


def language_links(request: HttpRequest) -> list[dict]:
    """The current page in each language (``/…`` Dutch, ``/en/…`` English), for the switch."""
    current = get_language()
    path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
