"""Charts and the region map as inline SVG, drawn on the server so they work without JavaScript and
in the PDF. Every value is also written as text, so nothing depends on colour alone."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

GREEN, INK = "#1d5b38", "#1b1f1d"


def _whole(value: float) -> str:
    """Rounded half up, like the ``floatformat`` filter in the tables next to the charts."""
    return str(int(value + 0.5))


@dataclass(frozen=True)
class Bar:
    label: str
    score: float | None
    previous: float | None = None


def theme_bars(bars: Sequence[Bar], *, width: int = 640, stacked: bool = False) -> SafeString:
    """Horizontal bars 0–100 per theme, with the previous scan's score as a dark tick.

    ``stacked`` puts each theme's name above its bar, for a phone: drawn 360 wide, the text keeps its
    size on a narrow screen instead of shrinking with a 640-wide chart.
    """
    label_w, row_h, top = (0, 46, 24) if stacked else (230, 28, 24)
    bar_dy = 22 if stacked else 0
    plot_w = width - label_w - (40 if stacked else 60)
    height = top + row_h * len(bars) + 10
    title_id = "theme-chart-narrow-title" if stacked else "theme-chart-title"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{title_id}" class="biodiva-chart">',
        f'<title id="{title_id}">{escape(_("Score per theme, 0 to 100"))}</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100 + (4 if stacked and tick == 0 else 0)
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 10}" stroke="#dde3df"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{top - 10}" font-size="11" text-anchor="middle" fill="{INK}">{tick}</text>'
        )
    for i, bar in enumerate(bars):
        y = top + i * row_h
        parts.append(f'<text x="0" y="{y + 17}" font-size="13" fill="{INK}">{escape(bar.label)}</text>')
        y += bar_dy
        if bar.score is None:
            text = escape(_("not scored"))
            x = label_w + (6 if stacked else 0)
            parts.append(f'<text x="{x}" y="{y + 17}" font-size="12" fill="{INK}">{text}</text>')
            continue
        w = plot_w * bar.score / 100
        parts.append(f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="16" fill="{GREEN}" rx="2"/>')
        if bar.previous is not None:
            px = label_w + plot_w * bar.previous / 100
            parts.append(f'<rect x="{px - 1.5:.1f}" y="{y + 1}" width="3" height="24" fill="{INK}"/>')
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + 18}" font-size="13" font-weight="bold" fill="{INK}">'
            f"{_whole(bar.score)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def history(
    points: Sequence[tuple[str, float]], *, width: int = 640, height: int = 200, narrow: bool = False
) -> SafeString:
    """The overall score of each completed scan as columns, oldest left, each labelled with its date.

    ``narrow`` draws it 360 wide for a phone and shows the last six scans, so the labels stay legible.
    """
    if not points:
        return mark_safe("")
    if narrow:
        points, width = points[-6:], 360
    suffix = "-narrow" if narrow else ""
    described = "; ".join(f"{d}: {_whole(s)}" for d, s in points)
    left, bottom, top = 30, 30, 20
    plot_h = height - bottom - top
    step = (width - left) / len(points)
    col = min(60.0, step * 0.6)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="history-chart{suffix}-title" aria-describedby="history-chart{suffix}-desc" '
        'class="biodiva-chart">',
        f'<title id="history-chart{suffix}-title">{escape(_("Overall score per completed scan"))}</title>',
        # the columns' figures are not read out inside an image: a screen reader gets them here
        f'<desc id="history-chart{suffix}-desc">{escape(described)}</desc>',
    ]
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#dde3df"/>')
        parts.append(f'<text x="0" y="{y + 4:.1f}" font-size="11" fill="{INK}">{tick}</text>')
    for i, (label, score) in enumerate(points):
        x = left + i * step + (step - col) / 2
        h = plot_h * score / 100
        y = top + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{col:.1f}" height="{h:.1f}" fill="{GREEN}"/>')
        cx = x + col / 2
        parts.append(
            f'<text x="{cx:.1f}" y="{y - 4:.1f}" font-size="12" font-weight="bold" text-anchor="middle" '
            f'fill="{INK}">{_whole(score)}</text>'
        )
        parts.append(
            f'<text x="{cx:.1f}" y="{height - 10}" font-size="11" text-anchor="middle" fill="{INK}">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def region_map(
    boundary: dict | None, *, point: tuple[float, float] | None = None, label: str = "", size: int = 320
) -> SafeString:
    """The region's outline from its GeoJSON boundary, with the site as a marked point.

    Longitudes are scaled by cos(latitude) so the shape is not stretched at 51° north.
    """
    rings = _rings(boundary or {})
    if not rings:
        return mark_safe("")
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    k = math.cos(math.radians((min(ys) + max(ys)) / 2))
    w, h = (max(xs) - min(xs)) * k or 1e-9, (max(ys) - min(ys)) or 1e-9
    scale = (size - 20) / max(w, h)
    width, height = w * scale + 20, h * scale + 20

    def project(lon: float, lat: float) -> tuple[float, float]:
        return 10 + (lon - min(xs)) * k * scale, 10 + (max(ys) - lat) * scale

    path = " ".join(
        "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p[:2]) for p in ring)) + " Z"
        for ring in rings
    )
    title = escape(label or _("Map of the region"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-label="{title}" class="biodiva-map">',
        # The PDF report's tags take a picture's alternative text from its <title>.
        f"<title>{title}</title>",
        f'<path d="{path}" fill="#e8f2eb" stroke="{GREEN}" stroke-width="2" fill-rule="evenodd"/>',
    ]
    if point:
        x, y = project(*point)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#b0102a" stroke="#fff" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
