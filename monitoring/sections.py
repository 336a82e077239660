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
            "figures": statistics.figures(deployments=deployments, statuses=statuses),
        },
        request=request,
    )


def map_overlay(*, request: HttpRequest) -> dict | None:
    return {"id": "monitoring", "name": _("Fauna passages"), "url": reverse("monitoring:map-geojson")}
