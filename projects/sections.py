"""What this app adds to a region page and to the overview map (see portal/sections.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors


def region_section(*, request: HttpRequest, region) -> str:
    """The realised projects of the region, newest first; nothing when it has none."""
    projects = list(selectors.public_projects(region=region.slug))
    if not projects:
        return ""
    return render_to_string(
        "projects/region_section.html", {"region": region, "projects": projects}, request=request
    )


def map_overlay(*, request: HttpRequest) -> dict | None:
    return {"id": "projects", "name": _("Realised projects"), "url": reverse("projects:map-geojson")}
