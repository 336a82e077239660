"""Content stored in Dutch and English side by side (``name_nl``, ``name_en``)."""

from django.utils.translation import get_language


def current_language() -> str:
    """The active language reduced to the two the content has: ``nl`` or ``en``."""
    lang = (get_language() or "nl").lower()
    return "en" if lang.startswith("en") else "nl"


class Translated:
    """A read-only attribute that returns ``<base>_<lang>`` for the active language.

    Falls back to Dutch, the language every record has, when the English text is empty.
    """

    def __init__(self, base: str) -> None:
        self.base = base

    def __set_name__(self, owner, name: str) -> None:
        self.attr = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = getattr(obj, f"{self.base}_{current_language()}", "")
        return value or getattr(obj, f"{self.base}_nl")


def in_name_order(queryset, field: str = "name"):
    """The queryset ordered by ``<field>_<active language>``, as its choices are labelled."""
    return queryset.order_by(f"{field}_{current_language()}")
