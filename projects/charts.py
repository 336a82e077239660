"""The SDG and ecosystem-service chart as inline SVG, drawn on the server (no JavaScript).

Each bar carries its number as text and the series always come in the same order with a legend,
so nothing depends on colour alone; the page also shows the same figures as a table.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

INK, GRID = "#1b1f1d", "#dde3df"
SERIES = (("measures", "#1d5b38"), ("projects", "#5b2a86"), ("outcomes", "#8a5200"))


def _series_names() -> dict[str, str]:
    return {"measures": _("measures"), "projects": _("realised projects"), "outcomes": _("meeting outcomes")}


def _wrap(label: str, width: int = 34) -> list[str]:
    """The label on at most two lines of about ``width`` characters (the rest is cut with an ellipsis)."""
    if len(label) <= width:
        return [label]
    cut = label.rfind(" ", 0, width)
    first, rest = (label[:cut], label[cut + 1 :]) if cut > 0 else (label[:width], label[width:])
    return [first, rest if len(rest) <= width else rest[: width - 1] + "…"]


def served_bars(rows: Sequence, *, chart_id: str, title: str, width: int = 720) -> SafeString:
    """Three thin bars per row (measures, projects, outcomes); rows that nothing serves are left out."""
    rows = [r for r in rows if r.total]
    if not rows:
        return mark_safe("")
    names = _series_names()
    label_w, bar_h, gap, top = 260, 10, 10, 34
    row_h = bar_h * len(SERIES) + gap
    most = max(max(r.measures, r.projects, r.outcomes) for r in rows)
    plot_w = width - label_w - 40
    height = top + row_h * len(rows) + 6
    desc = "; ".join(
        f"{r.label}: " + ", ".join(f"{getattr(r, key)} {names[key]}" for key, _c in SERIES) for r in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" class="served-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    x = 0
    for key, colour in SERIES:
        parts.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20}" y="16" font-size="13" fill="{INK}">{escape(names[key])}</text>')
        x += 40 + 8 * len(names[key])
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(
            f'<line x1="0" y1="{y - gap / 2:.1f}" x2="{width}" y2="{y - gap / 2:.1f}" stroke="{GRID}"/>'
        )
        lines = _wrap(row.label)
        for k, line in enumerate(lines):
            ty = y + (17 if len(lines) == 1 else 11 + 15 * k)
            parts.append(f'<text x="0" y="{ty}" font-size="13" fill="{INK}">{escape(line)}</text>')
        for j, (key, colour) in enumerate(SERIES):
            value = getattr(row, key)
            by = y + j * bar_h
            w = plot_w * value / most
            parts.append(
                f'<rect x="{label_w}" y="{by}" width="{w:.1f}" height="{bar_h - 1}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_w + w + 4:.1f}" y="{by + bar_h - 1}" font-size="10" fill="{INK}">'
                f"{value}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))
