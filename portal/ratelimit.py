"""Who is asking, and how often: the one client address every limit counts by.

The address is ``REMOTE_ADDR`` (the machine that opened the connection). Behind reverse proxies set
``TRUSTED_PROXY_COUNT`` to how many there are: the client is then the Nth entry from the right of
``X-Forwarded-For``, the one the outermost trusted proxy wrote. Entries further left are whatever
the client chose to send and are never used, so a new ``X-Forwarded-For`` per request does not
escape a limit.

Budgets are counted in Django's cache, which is shared by all servers when ``REDIS_URL`` is set.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle

from portal.types import throttle_allows

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (a stand-in address, nothing listens on it)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as the trusted part of the network saw it."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            found = _valid_ip(forwarded[-count])
            if found:
                return found
    # No usable address (a Unix socket without a proxy setting, a test transport): one shared budget.
    return _valid_ip(remote) or UNKNOWN_ADDRESS


class AddressRateThrottle(SimpleRateThrottle):
    """A budget per client address (``client_ip``) for anonymous clients, kept in the shared cache.

    Subclasses name a ``scope`` and the setting with their rate (``rate_setting``). Works on a plain
    Django request too, so a form and its API endpoint spend the same budget.
    """

    rate_setting = ""
    # Logged-in clients are not counted unless a subclass says so.
    count_users = False

    def get_rate(self) -> str:
        return getattr(settings, self.rate_setting)

    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_cache_key(self, request, view) -> str | None:
        user = getattr(request, "user", None)
        if not self.count_users and user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SignupThrottle(AddressRateThrottle):
    scope = "biodiva_signup"
    rate_setting = "BIODIVA_SIGNUP_RATE"


class PasswordResetThrottle(AddressRateThrottle):
    scope = "password_reset"
    rate_setting = "PASSWORD_RESET_RATE"
    count_users = True


def over_limit(throttle_class: type[AddressRateThrottle], request: HttpRequest) -> bool:
    """Spend one from the client's budget; True when none was left (answer 429)."""
    return not throttle_allows(throttle_class(), request)
