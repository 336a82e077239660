"""The SVG charts carry their figures as text for screen readers."""

import re

from biodiva import charts


def test_history_chart_describes_every_scan_in_text():
    svg = charts.history([("20-11-2025", 25.4), ("29-11-2026", 41.6)])
    desc = re.search(r'<desc id="([^"]+)">([^<]*)</desc>', svg)
    assert desc.group(2) == "20-11-2025: 25; 29-11-2026: 42"
    assert f'aria-describedby="{desc.group(1)}"' in svg
