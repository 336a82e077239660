"""Rich text from staff, made safe to show on public pages."""

import nh3
from django.utils.html import linebreaks

MINUTES_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "blockquote",
}


def sanitise_minutes(html: str) -> str:
    """Keep simple formatting and links; drop scripts, styles, event handlers and unknown tags.

    Minutes typed as plain text (no tags at all) keep their paragraphs and line breaks.
    """
    if not html:
        return ""
    if "<" not in html:
        html = linebreaks(html)
    return nh3.clean(
        html, tags=MINUTES_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener noreferrer"
    )
