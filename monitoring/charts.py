"""Small bar charts rendered on the server as SVG, titled and described for screen readers."""

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 236, 48, 44, 12
BAR_COLOUR = "#1d6b44"
CHAR_WIDTH = 6.2  # average width of an 11 px sans-serif character, in chart units


def number(value: float) -> str:
    """A value in the page's language: 87,9 in Dutch, 87.9 in English; whole numbers without decimals."""
    return number_format(value, 0 if float(value).is_integer() else 1)


def label_lines(label: str, width: float) -> list[str]:
    """A tick label in at most two lines that fit the width of its bar; a longer one ends in an ellipsis."""
    per_line = max(int(width / CHAR_WIDTH), 4)
    lines, current = [], ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1] + "…"]
    return [line if len(line) <= per_line + 1 else line[: per_line - 1].rstrip() + "…" for line in lines]


def bar_chart(
    *, chart_id: str, title: str, description: str, labels: list[str], values: Sequence[float]
) -> SafeString:
    """A bar chart; the values are also printed in the description so nothing depends on the picture."""
    top = max(values) if values and max(values) > 0 else 1
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(values), 1)
    bar_w = max(step * 0.7, 1)
    bars, ticks = [], []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top
        x = PAD_LEFT + i * step + (step - bar_w) / 2
        y = PAD_TOP + plot_h - h
        bars.append((f"{x:.1f}", f"{y:.1f}", f"{bar_w:.1f}", f"{h:.1f}", f"{label}: {number(value)}"))
        if len(labels) <= 12 or i % 3 == 0:
            room = step if len(labels) <= 12 else step * 3
            for n, line in enumerate(label_lines(label, room - 4)):
                ticks.append((f"{x + bar_w / 2:.1f}", PAD_TOP + plot_h + 16 + n * 13, line))
    bar_svg = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="' + BAR_COLOUR + '"><title>{}</title></rect>',
        bars,
    )
    tick_svg = format_html_join(
        "", '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>', ticks
    )
    axis_y = PAD_TOP + plot_h
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" '
        'xmlns="http://www.w3.org/2000/svg" width="100%" preserveAspectRatio="xMidYMid meet">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<line x1="{pl}" y1="{ay}" x2="{w}" y2="{ay}" stroke="#444"/>'
        '<text x="{tx}" y="{ty}" text-anchor="end" font-size="11">{top}</text>'
        '<text x="{tx}" y="{ay}" text-anchor="end" font-size="11">0</text>'
        "{bars}{ticks}</svg>",
        id=chart_id,
        w=WIDTH,
        h=HEIGHT,
        title=title,
        desc=description,
        pl=PAD_LEFT,
        ay=axis_y,
        tx=PAD_LEFT - 4,
        ty=PAD_TOP + 8,
        top=number(top),
        bars=bar_svg,
        ticks=tick_svg,
    )


def describe(labels: list[str], values: Sequence[float]) -> str:
    return "; ".join(f"{label}: {number(value)}" for label, value in zip(labels, values, strict=True))
