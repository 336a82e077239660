"""Types the apps share, so views and services agree on who the user is (checked by mypy).

Django REST framework's classes are imported for type checking only: ``portal.accounts`` and
``portal.ratelimit`` use this module while DRF is still loading its settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.throttling import BaseThrottle
    from rest_framework.views import APIView

# Whoever makes a request: a logged-in user or an anonymous visitor.
AnyUser = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required`` (or a permission check): a real user."""

    user: User


def throttle_allows(throttle: BaseThrottle, request: HttpRequest) -> bool:
    """A DRF throttle applied to a page's form, so the page and its API share one rate per address."""
    return throttle.allow_request(cast("Request", request), cast("APIView", None))


def authenticated_user(request: HttpRequest | Request) -> User:
    """The user of an API request that passed its permission check (never anonymous there)."""
    return cast(User, request.user)
