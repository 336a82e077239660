"""Public pages: realised projects with filters, a project, 2B Connect, the SDG page, the map layer."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.geojson import geojson_response

from . import charts, selectors
from .constants import TWO_B_CONNECT
from .forms import ProjectFilterForm, RegionForm
from .models import Project


@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None, years=selectors.project_years())
    filters = form.filters()
    projects = selectors.public_projects(**filters)
    return render(
        request, "projects/project_list.html", {"form": form, "projects": projects, "filtered": bool(filters)}
    )


@require_safe
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        project = selectors.public_project(slug=slug)
    except Project.DoesNotExist:
        raise Http404 from None
    photos = list(project.photos.all())
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "before": [p for p in photos if p.moment == p.Moment.BEFORE],
            "after": [p for p in photos if p.moment == p.Moment.AFTER],
        },
    )


@require_safe
def two_b_connect(request: HttpRequest) -> HttpResponse:
    """What the Interreg project 2B Connect was, and its makeovers."""
    projects = selectors.public_projects(programme=TWO_B_CONNECT)
    return render(request, "projects/two_b_connect.html", {"projects": projects})


@require_safe
def map_geojson(request: HttpRequest) -> JsonResponse:
    """The published projects as points for the overview map."""
    return geojson_response({"type": "FeatureCollection", "features": selectors.map_features()})


@require_safe
def goals(request: HttpRequest) -> HttpResponse:
    """Which SDGs and ecosystem services the measures, projects and meeting outcomes serve."""
    form = RegionForm(request.GET or None)
    region = form.selected_region()
    figures = selectors.goal_and_service_figures(region=region)
    place = region.name if region else _("the province of Antwerp")
    return render(
        request,
        "projects/goals.html",
        {
            "form": form,
            "region": region,
            "figures": figures,
            "goal_chart": charts.served_bars(
                figures.goals,
                chart_id="goal-chart",
                title=_("Sustainable Development Goals served in %(place)s") % {"place": place},
            ),
            "service_chart": charts.served_bars(
                figures.services,
                chart_id="service-chart",
                title=_("Ecosystem services delivered in %(place)s") % {"place": place},
            ),
        },
    )
