"""Public pages of the monitoring app: structures, figures, comparison, map layer and pictures."""

from email.utils import parseaddr

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

from portal.files import upload_response
from portal.geojson import geojson_response

from . import charts, sections, selectors, statistics
from .models import Deployment, Media, Observation
from .permissions import (
    is_ecologist,
    is_team_member,
    media_visible_to,
    recordable_deployments,
    visible_statuses,
)

MONTHS = [
    pgettext_lazy("month", "Jan"),
    pgettext_lazy("month", "Feb"),
    pgettext_lazy("month", "Mar"),
    pgettext_lazy("month", "Apr"),
    pgettext_lazy("month", "May"),
    pgettext_lazy("month", "Jun"),
    pgettext_lazy("month", "Jul"),
    pgettext_lazy("month", "Aug"),
    pgettext_lazy("month", "Sep"),
    pgettext_lazy("month", "Oct"),
    pgettext_lazy("month", "Nov"),
    pgettext_lazy("month", "Dec"),
]


def _activity_charts(data: dict[str, list[int]]) -> dict:
    hours = [f"{h:02d}" for h in range(24)]
    months = [str(m) for m in MONTHS]
    return {
        "hour_chart": charts.bar_chart(
            chart_id="chart-hours",
            title=_("Records by hour of day"),
            description=charts.describe(hours, data["hours"]),
            labels=hours,
            values=data["hours"],
        ),
        "month_chart": charts.bar_chart(
            chart_id="chart-months",
            title=_("Records by month"),
            description=charts.describe(months, data["months"]),
            labels=months,
            values=data["months"],
        ),
        "hour_rows": list(zip(hours, data["hours"], strict=True)),
        "month_rows": list(zip(months, data["months"], strict=True)),
    }


def index(request: HttpRequest) -> HttpResponse:
    structures = list(selectors.structures())
    statuses = visible_statuses(request.user)
    by_structure = statistics.cached_events_by_structure(
        scope="all", deployments=Deployment.objects.all(), statuses=statuses
    )
    rows = [(s, by_structure.get(s.pk)) for s in structures]
    return render(
        request,
        "monitoring/index.html",
        {
            "rows": rows,
            "is_team": is_team_member(request.user),
            "is_ecologist": is_ecologist(request.user),
            "structures_map": {
                "structuresUrl": reverse("monitoring:map-geojson"),
                "regionsUrl": reverse("regions-geojson") + "?detail=simplified",
                "name": _("Fauna passages"),
                "legend": sections.use_legend(),
            },
        },
    )


def structure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    structure = get_object_or_404(selectors.structures().prefetch_related("photos"), slug=slug)
    statuses = visible_statuses(request.user)
    deployments = structure.deployments.all()
    # The figures stay in the cache until observations, deployments or structures change.
    scope = f"structure:{structure.pk}"
    figures = statistics.cached_figures(scope=scope, deployments=deployments, statuses=statuses)
    counts = statistics.cached_observation_counts(scope=scope, deployments=deployments)
    listed = list(deployments.order_by("-start"))
    for deployment in listed:
        deployment.n = counts.get(deployment.pk, 0)  # type: ignore[attr-defined]
    media = selectors.public_media_observations().filter(deployment__structure=structure)
    if is_ecologist(request.user):
        media = Observation.objects.filter(deployment__structure=structure, media__isnull=False)
    recent_media = media.select_related("media", "taxon").order_by("-timestamp")[:6]
    return render(
        request,
        "monitoring/structure_detail.html",
        {
            "structure": structure,
            "figures": figures,
            "deployments": listed,
            "recent_media": recent_media,
            "is_team": is_team_member(request.user),
            "is_ecologist": is_ecologist(request.user),
            "recordable": set(
                recordable_deployments(request.user).filter(structure=structure).values_list("pk", flat=True)
            ),
            "only_confirmed": statuses == [Observation.Status.CONFIRMED],
            **_activity_charts(
                statistics.cached_activity(scope=scope, deployments=deployments, statuses=statuses)
            ),
        },
    )


def compare(request: HttpRequest) -> HttpResponse:
    structures = list(selectors.structures())
    by_structure = statistics.cached_events_by_structure(
        scope="all", deployments=Deployment.objects.all(), statuses=visible_statuses(request.user)
    )
    rows = [(s, by_structure.get(s.pk)) for s in structures]
    with_rate = [(s, r) for s, r in rows if r and r["rate"] is not None]
    labels = [s.name for s, _r in with_rate]
    values = [r["rate"] for _s, r in with_rate]
    chart = charts.bar_chart(
        chart_id="chart-compare",
        title=_("Independent events per 100 trap-nights"),
        description=charts.describe(labels, values),
        labels=labels,
        values=values,
    )
    return render(request, "monitoring/compare.html", {"rows": rows, "chart": chart})


def map_geojson(request: HttpRequest) -> JsonResponse:
    """Structures as points coloured by use (events per 100 trap-nights), with the level in words."""
    by_structure = statistics.cached_events_by_structure(
        scope="all", deployments=Deployment.objects.all(), statuses=[Observation.Status.CONFIRMED]
    )
    features = []
    for s in selectors.structures():
        row = by_structure.get(s.pk)
        rate = row["rate"] if row else None
        color, level = sections.use_level(rate)
        subtitle = f"{s.get_structure_type_display()} · {level}"
        if rate is not None:
            subtitle += " · " + _("%(rate)s events per 100 trap-nights") % {"rate": rate}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [s.longitude, s.latitude]},
                "properties": {
                    "title": s.name,
                    "url": s.get_absolute_url(),
                    "subtitle": subtitle,
                    "color": color,
                    "rate": rate,
                },
            }
        )
    return geojson_response({"type": "FeatureCollection", "features": features})


def taxa_json(request: HttpRequest) -> JsonResponse:
    taxa = selectors.search_taxa(query=request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "id": t.pk,
                    "label": t.label,
                    "scientific_name": t.scientific_name,
                    "name_nl": t.name_nl,
                    "name_en": t.name_en,
                    "kind": t.kind,
                }
                for t in taxa
            ]
        }
    )


def media_file(request: HttpRequest, pk: int) -> FileResponse:
    """A stored picture; the public only gets confirmed animal pictures, never people or vehicles."""
    media = get_object_or_404(Media.objects.select_related("deployment"), pk=pk)
    if not media.file or not media_visible_to(request.user, media):
        raise Http404
    return upload_response(media.file, filename=media.file_name)


@require_safe
def students(request: HttpRequest) -> HttpResponse:
    """Internships and student monitoring projects: the structures open to students and how to join."""
    contact = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return render(
        request,
        "monitoring/students.html",
        {
            "structures": selectors.structures_open_for_students(),
            "contact": contact,
            "is_team": is_team_member(request.user),
        },
    )
