"""Text that leaves the portal in headers, calendars and e-mails, cleaned in one place.

A line break in a title ends an e-mail header (``Subject: …\\nBcc: …``) or a calendar content line,
so single-line values are folded onto one line; a bare carriage return in multi-line text (a
description) becomes a line break that calendars and mail agents read the same way.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators and every other control character, in runs.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
# What a single-line field refuses: line breaks and control characters, except the tab.
_LINE_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """The text on one line: every run of line breaks or control characters becomes one space."""
    return _BREAKS.sub(" ", text or "").strip()


def multi_line(text: str) -> str:
    """Line breaks as ``\\n`` only, and no other control characters (tabs stay)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2029]", "", text)


def validate_one_line(value: str) -> None:
    """Refuse a line break (or other control character but the tab) in a single-line field.

    Names, organisations and titles end up in e-mail bodies and headers; a line break there is never
    what the person meant. Used by model fields, forms and serializers alike, so every path gives the
    same field error.
    """
    if isinstance(value, str) and _LINE_BREAKS.search(value):
        raise ValidationError(_("Enter this on one line, without line breaks."), code="line_break")


def normalise_email(email: str) -> str:
    """An e-mail address as the portal stores and compares it: without surrounding spaces, in lower
    case (one person's address typed in another case is the same address): registrations, advice
    requests, BIODIVA accounts."""
    return email.strip().lower()
