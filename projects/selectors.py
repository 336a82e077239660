"""Reads: the published projects, filtered, for the pages, the map, the API and other apps."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from landscapes.selectors import goals_and_services, measures_with_goals_and_services
from meetings.selectors import outcomes_serving_goals

from .models import Photo, Project


def public_projects(
    *,
    region: str = "",
    kind: str = "",
    programme: str = "",
    year: int | None = None,
    ecosystem_service: str = "",
    goal: int | None = None,
    measure: str = "",
) -> QuerySet[Project]:
    """Published projects with what their cards show, newest first; every filter is optional."""
    projects = (
        Project.objects.filter(is_published=True)
        .select_related("region")
        .prefetch_related(
            "measures",
            "ecosystem_services",
            "development_goals",
            "species",
            Prefetch("photos", queryset=Photo.objects.order_by("position", "moment", "id")),
        )
        .order_by("-year", "title_nl")
    )
    filters = {
        "region__slug": region,
        "kind": kind,
        "programme": programme,
        "year": year,
        "ecosystem_services__code": ecosystem_service,
        "development_goals__number": goal,
        "measures__slug": measure,
    }
    chosen = {field: value for field, value in filters.items() if value not in ("", None)}
    if chosen:
        projects = projects.filter(**chosen).distinct()
    return projects


def public_project(*, slug: str) -> Project:
    """One published project with everything its page shows; raises Project.DoesNotExist."""
    return public_projects().get(slug=slug)


def project_years() -> list[int]:
    return list(
        Project.objects.filter(is_published=True).order_by("-year").values_list("year", flat=True).distinct()
    )


def map_features() -> list[dict]:
    """The published projects as GeoJSON points with the properties the overview map's popup uses."""
    rows = Project.objects.filter(is_published=True).order_by("title_nl")
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {
                "title": p.title,
                "url": p.get_absolute_url(),
                "subtitle": f"{p.get_kind_display()} · {p.year}",
                "color": "#5b2a86",
            },
        }
        for p in rows
    ]


@dataclass
class ServedRow:
    """One SDG or ecosystem service with how many measures, projects and meeting outcomes serve it."""

    key: int | str
    label: str
    measures: int = 0
    projects: int = 0
    outcomes: int = 0
    measure_list: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.measures + self.projects + self.outcomes


@dataclass(frozen=True)
class ServedFigures:
    goals: list[ServedRow]
    services: list[ServedRow]


def goal_and_service_figures(*, region=None) -> ServedFigures:
    """Which SDGs and ecosystem services the measures, realised projects and public meeting
    outcomes serve, in the whole province or one region.

    A measure counts through its own SDGs and services (in a region: the measures of that region's
    landscape image); a project through those staff gave it; a meeting outcome (public, not
    dropped) through the measures it realises.
    """
    goals, services = goals_and_services()
    goal_rows = {g.number: ServedRow(g.number, f"{g.number}. {g.name}") for g in goals}
    service_rows = {s.code: ServedRow(s.code, s.name) for s in services}

    for measure in measures_with_goals_and_services(region=region):
        for goal in measure.development_goals.all():
            goal_rows[goal.number].measures += 1
            goal_rows[goal.number].measure_list.append(measure)
        for service in measure.ecosystem_services.all():
            service_rows[service.code].measures += 1
            service_rows[service.code].measure_list.append(measure)

    projects = Project.objects.filter(is_published=True).prefetch_related(
        "development_goals", "ecosystem_services"
    )
    if region is not None:
        projects = projects.filter(region=region)
    for project in projects:
        for number in {g.number for g in project.development_goals.all()}:
            goal_rows[number].projects += 1
        for code in {s.code for s in project.ecosystem_services.all()}:
            service_rows[code].projects += 1

    for outcome in outcomes_serving_goals(region=region):
        measures = list(outcome.measures.all())
        for number in {g.number for m in measures for g in m.development_goals.all()}:
            goal_rows[number].outcomes += 1
        for code in {s.code for m in measures for s in m.ecosystem_services.all()}:
            service_rows[code].outcomes += 1
    return ServedFigures(goals=list(goal_rows.values()), services=list(service_rows.values()))
