"""Template helpers of the portal's look: short dates in the page's language and the needs icons."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.i18n import current_language, is_dutch_fallback

register = template.Library()

# Dutch abbreviations with their full stop; "mei" is short already.
DUTCH_MONTHS = ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]


@register.filter
def short_date(value: date | datetime | None) -> str:
    """4 okt. 2026 (Dutch) or 4 Oct 2026 (English): a day, a lowercase Dutch month and a year."""
    if not value:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if (get_language() or "nl").startswith("nl"):
        return f"{value.day} {DUTCH_MONTHS[value.month - 1]} {value.year}"
    return formats.date_format(value, "j M Y")


@register.filter
def short_datetime(value: datetime | None) -> str:
    """4 okt. 2026 19:30, in local time."""
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{short_date(value)} {value:%H:%M}"


NEEDS = {
    "feeding": "need-feeding",
    "breeding": "need-breeding",
    "shelter": "need-shelter",
    "hibernation": "need-hibernation",
    "moving": "need-moving",
}


@register.inclusion_tag("includes/needs.html")
def needs(need) -> dict:
    """What a species uses the landscape for, each with its icon (a SpeciesNeed)."""
    items = [
        {"icon": icon, "label": need._meta.get_field(code).verbose_name}
        for code, icon in NEEDS.items()
        if getattr(need, code, False)
    ]
    return {"items": items}


@register.filter
def machine_datetime(value: datetime | date | None) -> str:
    """A ``<time datetime>`` value HTML accepts: ISO 8601 in local time, whole seconds (Django's
    ``date:"c"`` writes microseconds, which the HTML date-time syntax refuses)."""
    if not value:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag
def dutch_lang(*text) -> str:
    """`` lang="nl"`` on an element whose text is Dutch on a page in another language (WCAG 3.1.2):
    the one way pages mark Dutch text.

    Without an argument the element shows a Dutch-only field (minutes, student tasks):
    ``<div{% dutch_lang %}>``. With the text it shows (``<p{% dutch_lang region.short_description %}>``),
    it marks the text only where it is the Dutch fallback of a missing English one
    (``portal.i18n.in_active_language``), whatever filters the element applies to it.
    """
    if len(text) > 1:
        raise template.TemplateSyntaxError("dutch_lang marks one text: the one its element shows.")
    if current_language() == "nl" or (text and not is_dutch_fallback(text[0])):
        return ""
    return mark_safe(' lang="nl"')
