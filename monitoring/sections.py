"""What this app adds to a region page and to the overview map (see portal/sections.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors, statistics
from .models import Deployment
from .permissions import visible_statuses


def region_section(*, request: HttpRequest, region) -> str:
    """The region's monitored structures with their figures, in a fixed number of queries."""
    structures = list(selectors.structures_in_region(region=region))
    if not structures:
        return ""
    statuses = visible_statuses(request.user)
    deployments = Deployment.objects.filter(structure__region=region)
    by_structure = statistics.cached_events_by_structure(
        scope=f"region:{region.pk}", deployments=deployments, statuses=statuses
    )
    return render_to_string(
        "monitoring/region_section.html",
        {
            "rows": [(s, by_structure.get(s.pk, {})) for s in structures],
            "figures": statistics.cached_figures(
                scope=f"region:{region.pk}", deployments=deployments, statuses=statuses
            ),
        },
        request=request,
    )


def map_overlay(*, request: HttpRequest) -> dict | None:
    return {
        "id": "monitoring",
        "name": _("Fauna passages"),
        "url": reverse("monitoring:map-geojson"),
        "legend": use_legend(),
    }


# Colours of the structures on a map by use (independent events per 100 trap-nights).
NO_DATA_COLOR = "#777777"


def use_levels() -> list[tuple[str, float, str]]:
    """(colour, lowest rate, words), from the most used down."""
    return [
        ("#1d6b44", 50, _("used a lot")),
        ("#d08a00", 10, _("used regularly")),
        ("#b3261e", 0, _("used little")),
    ]


def use_level(rate: float | None) -> tuple[str, str]:
    """The colour and words of a structure's use on the map."""
    if rate is None:
        return NO_DATA_COLOR, _("no data yet")
    return next((colour, words) for colour, low, words in use_levels() if rate >= low)


def use_legend() -> list[dict]:
    ranges = ["(≥ 50)", "(10–50)", "(< 10)"]
    legend = [
        {"color": colour, "label": f"{words} {ranges[i]}"}
        for i, (colour, _low, words) in enumerate(use_levels())
    ]
    return legend + [{"color": NO_DATA_COLOR, "label": _("no data yet")}]
