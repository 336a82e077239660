"""Every API list endpoint answers with a fixed number of queries, however many rows it lists.

Each case lists a page once, adds more rows the client may see, and lists it again: the page grows
and the number of queries stays the same (no query per row), within a ceiling that catches a
slow-down creeping in (pretix's habit of counting queries on hot pages).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.biodiva.factories import CompanyFactory, ScanFactory, SiteFactory, VersionFactory
from tests.biodiva.factories import UserFactory as CompanyUserFactory
from tests.landscapes.factories import MeasureFactory, RegionFactory, SpeciesFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, OutcomeFactory, RegistrationFactory
from tests.monitoring.factories import DeploymentFactory, ObservationFactory, StructureFactory, ecologist


@dataclass
class Case:
    url: str
    grow: Callable[[dict], None]
    ceiling: int
    login: str = ""


def _nis_code(pk: int, n: int) -> str:
    """A five-digit NIS code unique per region and number, whatever the database's sequences say."""
    return f"{(pk * 10 + n) % 100_000:05d}"


def _regions(ctx: dict) -> None:
    for _ in range(3):
        region = RegionFactory()
        region.municipalities.create(nis_code=_nis_code(region.pk, 9), name=f"Gemeente {region.pk}")


def _species(ctx: dict) -> None:
    SpeciesFactory.create_batch(3)


def _measures(ctx: dict) -> None:
    species = SpeciesFactory()
    for _ in range(3):
        measure = MeasureFactory(applies_to=["garden", "company_site"])
        measure.species.add(species)


def _municipalities(ctx: dict) -> None:
    region = RegionFactory()
    for n in range(3):
        region.municipalities.create(nis_code=_nis_code(region.pk, n), name=f"Dorp {region.pk}-{n}")


def _meetings(ctx: dict) -> None:
    for _ in range(3):
        meeting = MeetingFactory(regions=[ctx["region"]])
        AgendaItemFactory.create_batch(2, meeting=meeting)
        RegistrationFactory(meeting=meeting)


def _outcomes(ctx: dict) -> None:
    meeting = MeetingFactory(regions=[ctx["region"]])
    measure = MeasureFactory()
    for _ in range(3):
        OutcomeFactory(meeting=meeting).measures.add(measure)


def _registrations(ctx: dict) -> None:
    RegistrationFactory.create_batch(3, meeting=ctx["meeting"])


def _questionnaires(ctx: dict) -> None:
    VersionFactory.create_batch(2)


def _sites(ctx: dict) -> None:
    SiteFactory.create_batch(3, company=ctx["company"])


def _scans(ctx: dict) -> None:
    for _ in range(3):
        ScanFactory(site=SiteFactory(company=ctx["company"]), version=ctx["version"])


def _action_plan(ctx: dict) -> None:
    from biodiva.models import ActionPlanItem

    for n in range(3):
        ActionPlanItem.objects.create(site=ctx["site"], owner=f"Team {n}", measure=MeasureFactory())


def _taxa(ctx: dict) -> None:
    from monitoring.models import Taxon

    start = Taxon.objects.count()
    for n in range(start, start + 3):
        Taxon.objects.create(scientific_name=f"Testus species{n}", name_nl=f"t{n}", name_en=f"t{n}")


def _structures(ctx: dict) -> None:
    for _ in range(3):
        DeploymentFactory(structure=StructureFactory())


def _deployments(ctx: dict) -> None:
    DeploymentFactory.create_batch(3, structure=ctx["structure"])


def _observations(ctx: dict) -> None:
    for _ in range(3):
        ObservationFactory(
            deployment=DeploymentFactory(structure=ctx["structure"]), created_by=ctx["ecologist"]
        )


def _projects(ctx: dict) -> None:
    from tests.projects.factories import ProjectFactory, add_photo

    measure = MeasureFactory()
    for _ in range(3):
        project = ProjectFactory()
        project.measures.add(measure)
        add_photo(project)


def _advice_queue(ctx: dict) -> None:
    from tests.advice.factories import AdviceRequestFactory

    for _ in range(3):
        AdviceRequestFactory(region=ctx["region"], assigned_to=ctx["ecologist"])


CASES = {
    "regions": Case("/api/v1/regions/", _regions, ceiling=2),
    "species": Case("/api/v1/species/", _species, ceiling=2),
    "measures": Case("/api/v1/measures/", _measures, ceiling=6),
    "municipalities": Case("/api/v1/municipalities/", _municipalities, ceiling=1),
    "meetings": Case("/api/v1/meetings/", _meetings, ceiling=5),
    "meeting-outcomes": Case("/api/v1/meeting-outcomes/", _outcomes, ceiling=4),
    "meeting-registrations": Case(
        "/api/v1/meeting-registrations/", _registrations, ceiling=6, login="organiser"
    ),
    "questionnaires": Case("/api/v1/biodiva/questionnaires/", _questionnaires, ceiling=3),
    "sites": Case("/api/v1/biodiva/sites/", _sites, ceiling=5, login="company"),
    "scans": Case("/api/v1/biodiva/scans/", _scans, ceiling=5, login="company"),
    "action-plan": Case("/api/v1/biodiva/action-plan/", _action_plan, ceiling=5, login="company"),
    "taxa": Case("/api/v1/monitoring/taxa/", _taxa, ceiling=1),
    "structures": Case("/api/v1/monitoring/structures/", _structures, ceiling=2),
    # One of the statistics' queries reads the animals' ids, which are then cached until the data change.
    "statistics": Case("/api/v1/monitoring/statistics/", _observations, ceiling=7),
    "deployments": Case("/api/v1/monitoring/deployments/", _deployments, ceiling=5, login="ecologist"),
    "observations": Case("/api/v1/monitoring/observations/", _observations, ceiling=6, login="ecologist"),
    "projects": Case("/api/v1/projects/", _projects, ceiling=7),
    "advice-queue": Case("/api/v1/advice/queue/", _advice_queue, ceiling=5, login="ecologist"),
}


@pytest.fixture
def context(db) -> dict:
    from meetings.constants import ORGANISERS_GROUP

    region = RegionFactory()
    company_user = CompanyUserFactory(username="query-company")
    company = CompanyFactory(members=[company_user])
    site = SiteFactory(company=company)
    organiser = CompanyUserFactory(username="query-organiser")
    organiser.groups.add(Group.objects.get_or_create(name=ORGANISERS_GROUP)[0])
    eco = ecologist("query-ecologist")
    return {
        "region": region,
        "company": company,
        "site": site,
        "version": VersionFactory(),
        "meeting": MeetingFactory(regions=[region]),
        "structure": StructureFactory(),
        "users": {"company": company_user, "organiser": organiser, "ecologist": eco},
        "ecologist": eco,
    }


def _list(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    if isinstance(body, list):
        return len(queries), len(body)
    return len(queries), body["count"] if "count" in body else body["deployments"]


@pytest.mark.parametrize("name", list(CASES))
def test_list_endpoint_queries_do_not_grow_with_rows(name: str, context: dict) -> None:
    case = CASES[name]
    client = Client()
    if case.login:
        client.force_login(context["users"][case.login])
    case.grow(context)
    queries_before, rows_before = _list(client, case.url)
    case.grow(context)
    queries_after, rows_after = _list(client, case.url)

    assert rows_after > rows_before, "the second listing shows the added rows"
    assert queries_after == queries_before, f"{name}: {queries_before} queries, then {queries_after}"
    assert queries_after <= case.ceiling, f"{name}: {queries_after} queries (ceiling {case.ceiling})"


def _api_list_routes() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif (
                isinstance(p, URLPattern)
                and (p.name or "").endswith("-list")
                and "<format>" not in str(p.pattern)
            ):
                yield "/" + prefix + str(p.pattern).lstrip("^").rstrip("$")

    return {route for route in walk(get_resolver().url_patterns, "") if route.startswith("/api/v1/")}


def test_every_api_list_endpoint_has_a_query_count_case() -> None:
    """A new list endpoint fails here until a case above counts its queries."""
    listed = {case.url for case in CASES.values()}
    missing = {route for route in _api_list_routes() if route not in listed}
    assert not missing, f"add a Case for {sorted(missing)}"
