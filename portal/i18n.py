"""Content stored in Dutch and English side by side (``name_nl``, ``name_en``)."""

from django.utils.translation import get_language


def current_language() -> str:
    """The active language reduced to the two the content has: ``nl`` or ``en``."""
    lang = (get_language() or "nl").lower()
    return "en" if lang.startswith("en") else "nl"


class DutchFallback(str):
    """A Dutch text shown on a page in another language because its own text is missing.

    It is a plain ``str`` everywhere (JSON, the API, sorting); pages mark it ``lang="nl"`` (WCAG
    3.1.2) with the ``dutch_lang`` template tag, which recognises it by ``is_dutch_fallback``.
    """


def in_active_language(text: str, dutch: str) -> str:
    """``text`` (in the active language) or, where it is empty, the ``dutch`` one, marked as a
    ``DutchFallback`` on a page that is not in Dutch: the one fallback of every text stored in both."""
    if text or not dutch:
        return text or dutch
    return dutch if current_language() == "nl" else DutchFallback(dutch)


def is_dutch_fallback(value: object) -> bool:
    """Whether ``value`` is a Dutch text standing in for a missing text in the page's language."""
    return isinstance(value, DutchFallback)


class Translated:
    """A read-only attribute that returns ``<base>_<lang>`` for the active language.

    Falls back to Dutch, the language every record has, when the English text is empty
    (``in_active_language``).
    """

    def __init__(self, base: str) -> None:
        self.base = base

    def __set_name__(self, owner, name: str) -> None:
        self.attr = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return in_active_language(
            getattr(obj, f"{self.base}_{current_language()}", ""), getattr(obj, f"{self.base}_nl")
        )


def in_name_order(queryset, field: str = "name"):
    """The queryset ordered by ``<field>_<active language>``, as its choices are labelled."""
    return queryset.order_by(f"{field}_{current_language()}")
