"""What this app adds to a region page and to the overview map (see portal/sections.py)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors
from .models import Outcome

UPCOMING_ON_REGION_PAGE = 5
# On the overview map: a cancelled meeting is a small hollow grey dot, not the most striking one.
MEETING_COLOR = "#0b5c2f"
PLAN_COLOR = "#7a4a00"
CANCELLED_COLOR = "#6b6b6b"


def region_section(*, request: HttpRequest, region) -> str:
    """Upcoming meetings of the region and its public plans, in three queries whatever the size."""
    meetings = list(selectors.public_meetings(region=region, when="upcoming")[:UPCOMING_ON_REGION_PAGE])
    outcomes = list(selectors.public_outcomes(region=region).order_by("-updated_at"))
    realised = sum(1 for o in outcomes if o.status == Outcome.Status.REALISED)
    return render_to_string(
        "meetings/region_section.html",
        {"region": region, "meetings": meetings, "outcomes": outcomes, "realised": realised},
        request=request,
    )


def map_overlay(*, request: HttpRequest) -> dict | None:
    return {
        "id": "meetings",
        "name": _("Meetings and local plans"),
        "url": reverse("meetings:map-geojson"),
        "legend": [
            {"color": MEETING_COLOR, "label": _("meeting")},
            {"color": PLAN_COLOR, "label": _("local plan")},
            {"color": CANCELLED_COLOR, "label": _("cancelled meeting"), "muted": True},
        ],
    }
