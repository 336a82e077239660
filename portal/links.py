"""Addresses that leave the portal (e-mails, calendars, exports) are built here, on ``SITE_URL``.

A link in an e-mail never comes from the request's ``Host`` header: a forged or internal host name
(a proxy, a test server) would end up in people's mailboxes.
"""

from typing import TypedDict
from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str) -> str:
    """The absolute address of a path of the portal (``/meetings/1/`` → ``https://…/meetings/1/``)."""
    return settings.SITE_URL + path


class ResetDomain(TypedDict):
    domain_override: str
    use_https: bool


def password_reset_domain() -> ResetDomain:
    """Django's ``PasswordResetForm.save`` arguments that put ``SITE_URL`` in the reset link."""
    parts = urlsplit(settings.SITE_URL)
    return ResetDomain(domain_override=parts.netloc, use_https=parts.scheme == "https")
