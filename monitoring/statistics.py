"""Figures computed in the database: independent events, crossings, effort and passage rates.

The event rule: an observation starts a new independent event unless the previous observation
of the same taxon at the same deployment is at most ``EVENT_THRESHOLD_MINUTES`` earlier. It is
computed with ``LAG`` over (deployment, taxon) ordered by time, which SQLite and PostgreSQL both
support, so a million rows never pass through Python.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, RowRange, Window
from django.db.models.functions import ExtractHour, Lag
from django.utils import timezone

from .models import Deployment, DeploymentFailure, Observation, Taxon

_T = TypeVar("_T")

SECONDS_PER_NIGHT = 86400


def _longer_than_threshold() -> str:
    """SQL: the observation came more than ``%s`` seconds after the previous one."""
    if connection.vendor == "postgresql":
        # Comparing intervals, not EXTRACT(EPOCH ...), which computes a numeric for every row.
        return '(obs."timestamp" - obs.prev_ts) > make_interval(secs => %s)'
    return (
        "(CAST(strftime('%%s', obs.\"timestamp\") AS INTEGER)"
        " - CAST(strftime('%%s', obs.prev_ts) AS INTEGER)) > %s"
    )


def event_counts(
    *, observations: QuerySet[Observation], group_by: Iterable[str], threshold_minutes: int | None = None
) -> list[dict]:
    """Records, individuals, independent events and outcomes per group of the observations.

    ``group_by`` names observation lookups (e.g. ``"taxon_id"``, ``"deployment__structure_id"``);
    each result row has them under their last part (``taxon_id``, ``structure_id``).
    """
    threshold = (
        settings.MONITORING_EVENT_THRESHOLD_MINUTES if threshold_minutes is None else threshold_minutes
    ) * 60
    lookups = list(group_by)
    columns = [lookup.split("__")[-1] for lookup in lookups]
    renamed = {col: F(lookup) for lookup, col in zip(lookups, columns, strict=True) if lookup != col}
    inner = observations.annotate(
        **renamed,
        prev_ts=Window(
            Lag("timestamp"),
            partition_by=[F("deployment_id"), F("taxon_id")],
            order_by=[F("timestamp").asc(), F("id").asc()],
            # LAG reads one row back whatever the frame; this frame lets PostgreSQL forget the
            # rows before it instead of keeping the whole partition (a tenth of the statistics).
            frame=RowRange(start=-1, end=0),
        ),
    ).values(*columns, "timestamp", "outcome", "count", "prev_ts")
    inner = inner.order_by()
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # e.g. a structure without deployments
        return []
    quoted = [connection.ops.quote_name(c) for c in columns]
    select_groups = ", ".join(f"obs.{q}" for q in quoted)
    sql = f"""
        SELECT {select_groups},
               COUNT(*),
               COALESCE(SUM(obs.{connection.ops.quote_name("count")}), 0),
               SUM(CASE WHEN obs.prev_ts IS NULL OR {_longer_than_threshold()} THEN 1 ELSE 0 END),
               SUM(CASE WHEN obs.outcome = %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN obs.outcome = %s THEN 1 ELSE 0 END)
        FROM ({inner_sql}) obs
        GROUP BY {select_groups}
    """
    all_params = (threshold, Observation.Outcome.CROSSING, Observation.Outcome.TURNED_BACK, *params)
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        rows = cursor.fetchall()
    names = [*columns, "records", "individuals", "events", "crossings", "turned_back"]
    return [
        {k: (int(v) if k in names[len(columns) :] else v) for k, v in zip(names, row, strict=True)}
        for row in rows
    ]


def _merged_seconds(intervals: list[tuple[datetime, datetime]]) -> float:
    merged: list[list[datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    total = 0.0
    for start, end in merged:
        total += (end - start).total_seconds()
    return total


# The methods whose device runs unattended for the whole deployment (Deployment.Method): camera
# traps, fykes and track or ink plates. Their effort is the time they stood in place, in
# trap-nights. A visual count's effort is the observer's visits or time spent counting, which the
# portal does not record: it has no trap-nights, and its sightings count as records and events but
# not in a rate per 100 trap-nights.
TRAP_METHODS = frozenset({Deployment.Method.CAMERA, Deployment.Method.FYKE, Deployment.Method.TRACK_PLATE})


def effort_by_deployment(
    *, deployments: QuerySet[Deployment], start: datetime | None = None, end: datetime | None = None
) -> dict[int, float | None]:
    """The effort of each deployment with time in the period, the one rule of pages, API and exports.

    A device that runs unattended (``TRAP_METHODS``) has trap-nights: its time (clipped to the
    period) minus its failure periods. Failures are clipped to the deployment and overlapping
    failures merged, so no hour is subtracted twice. Other methods (visual counts) have None: no
    trap-nights. This reads deployments and failures (a few rows per structure), never observations.
    """
    spans = {}
    no_trap_nights = set()
    for row in deployments.values("id", "start", "end", "method"):
        lo = max(row["start"], start) if start else row["start"]
        hi = min(row["end"], end) if end else row["end"]
        if hi > lo:
            spans[row["id"]] = (lo, hi)
            if row["method"] not in TRAP_METHODS:
                no_trap_nights.add(row["id"])
    failures: dict[int, list[tuple[datetime, datetime]]] = {}
    for failure in DeploymentFailure.objects.filter(deployment_id__in=list(spans)).values(
        "deployment_id", "start", "end"
    ):
        lo, hi = spans[failure["deployment_id"]]
        f_lo, f_hi = max(failure["start"], lo), min(failure["end"], hi)
        if f_hi > f_lo:
            failures.setdefault(failure["deployment_id"], []).append((f_lo, f_hi))
    return {
        pk: None
        if pk in no_trap_nights
        else ((hi - lo).total_seconds() - _merged_seconds(failures.get(pk, []))) / SECONDS_PER_NIGHT
        for pk, (lo, hi) in spans.items()
    }


def trap_nights(effort: dict[int, float | None]) -> float:
    """The trap-nights of the deployments of ``effort`` together (visual counts add none)."""
    return round(sum(nights for nights in effort.values() if nights is not None), 2)


COUNTED = ("records", "individuals", "events", "crossings", "turned_back")


def rate_per_100(events: int, trap_nights: float) -> float | None:
    """Independent events per 100 trap-nights, or None without effort."""
    if trap_nights <= 0:
        return None
    return round(events * 100 / trap_nights, 2)


@dataclass
class SpeciesFigures:
    taxon: Taxon
    records: int
    individuals: int
    events: int
    crossings: int
    turned_back: int
    rate: float | None
    # Events at deployments with trap-nights: the numerator of the rates (a visual count's are not).
    trap_events: int = 0


@dataclass
class Figures:
    trap_nights: float
    deployments: int
    species: list[SpeciesFigures] = field(default_factory=list)

    @property
    def events(self) -> int:
        return sum(s.events for s in self.species)

    @property
    def records(self) -> int:
        return sum(s.records for s in self.species)

    @property
    def crossings(self) -> int:
        return sum(s.crossings for s in self.species)

    @property
    def turned_back(self) -> int:
        return sum(s.turned_back for s in self.species)

    @property
    def rate(self) -> float | None:
        return rate_per_100(sum(s.trap_events for s in self.species), self.trap_nights)


def each_sighting_once(observations: QuerySet[Observation]) -> QuerySet[Observation]:
    """Leave out media-level observations whose event also has an event-level observation.

    A Camtrap DP package may classify an event twice: once as a whole (event level) and once per
    picture (media level), both under the same ``eventID``. Counting both would double records,
    individuals and outcomes, so an event-level observation in the selection stands for its
    event. Media-level observations without one (pictures uploaded here, packages with
    media-level observations only, an event whose summary was rejected) are counted.
    """
    event_level = observations.filter(level=Observation.Level.EVENT).exclude(event_id="")
    if not event_level.exists():
        # Nothing is classified twice (data entered here): no per-row check, which would make
        # the planner cost every row of a million-row selection as a subquery.
        return observations
    summarised = event_level.filter(deployment_id=OuterRef("deployment_id"), event_id=OuterRef("event_id"))
    return observations.filter(Q(level=Observation.Level.EVENT) | Q(event_id="") | ~Exists(summarised))


def observations_for(
    *,
    deployments: QuerySet[Deployment],
    statuses: Iterable[str],
    start: datetime | None = None,
    end: datetime | None = None,
) -> QuerySet[Observation]:
    """The animal observations of the deployments with those review statuses inside the period,
    each sighting once (see ``each_sighting_once``)."""
    # The deployments' ids as a list rather than a subquery: PostgreSQL then reads a structure's
    # observations from the (deployment, taxon, timestamp, id) index in the order the event rule needs.
    # The animals' ids as a list too, rather than a join with the taxa: one hash probe per row, a
    # sixth less time over a million observations.
    qs = each_sighting_once(
        Observation.objects.filter(
            deployment_id__in=list(deployments.values_list("pk", flat=True)),
            review_status__in=list(statuses),
            taxon_id__in=animal_taxon_ids(),
        )
    )
    return in_period(qs, start=start, end=end)


def animal_taxon_ids() -> list[int]:
    """The ids of the taxa that are animals, kept in the cache until the data change."""
    return _cached(
        "animal-taxa",
        "all",
        [],
        lambda: list(Taxon.objects.filter(kind=Taxon.Kind.ANIMAL).values_list("pk", flat=True)),
    )


def figures(
    *,
    deployments: QuerySet[Deployment],
    statuses: Iterable[str],
    start: datetime | None = None,
    end: datetime | None = None,
) -> Figures:
    """Species, events, outcomes, effort and passage rates of a selection of deployments.

    A rate counts the events at deployments with trap-nights only, per 100 of those trap-nights.
    """
    observations = observations_for(deployments=deployments, statuses=statuses, start=start, end=end)
    effort = effort_by_deployment(deployments=deployments, start=start, end=end)
    nights = trap_nights(effort)
    per_taxon: dict[int, dict[str, int]] = {}
    # Grouped in the order of the event rule's window, (deployment, taxon): PostgreSQL aggregates the
    # rows as they come instead of sorting them again (a fifth of a structure's statistics).
    for r in event_counts(observations=observations, group_by=["deployment_id", "taxon_id"]):
        entry = per_taxon.setdefault(r["taxon_id"], dict.fromkeys((*COUNTED, "trap_events"), 0))
        for key in COUNTED:
            entry[key] += r[key]
        if effort.get(r["deployment_id"]) is not None:
            entry["trap_events"] += r["events"]
    taxa = Taxon.objects.in_bulk(list(per_taxon))
    species = [
        SpeciesFigures(taxon=taxa[pk], **counts, rate=rate_per_100(counts["trap_events"], nights))
        for pk, counts in per_taxon.items()
    ]
    species.sort(key=lambda s: (-s.events, s.taxon.name))
    return Figures(trap_nights=nights, deployments=len(effort), species=species)


VERSION_KEY = "monitoring:data-version"


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def data_changed() -> None:
    """Called after any write that changes figures: cached overviews are recomputed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _cached(kind: str, scope: str, statuses: Iterable[str], compute: Callable[[], _T]) -> _T:
    """``compute()`` kept in the cache until the data change (``data_changed``) or, for writes that
    do not call it, at most ``MONITORING_STATS_CACHE_SECONDS``."""
    key = f"monitoring:{kind}:{scope}:{','.join(sorted(statuses))}:{data_version()}"
    result = cache.get(key)
    if result is None:
        result = compute()
        cache.set(key, result, settings.MONITORING_STATS_CACHE_SECONDS)
    return result


def cached_figures(*, scope: str, deployments: QuerySet[Deployment], statuses: Iterable[str]) -> Figures:
    """``figures`` of a structure's or region's page (``scope`` names the selection: ``"structure:<pk>"``,
    ``"region:<pk>"``), computed once until the data change."""
    statuses = list(statuses)
    return _cached("figures", scope, statuses, lambda: figures(deployments=deployments, statuses=statuses))


def cached_activity(*, scope: str, deployments: QuerySet[Deployment], statuses: Iterable[str]) -> dict:
    """``activity`` of the selection's observations, computed once until the data change."""
    statuses = list(statuses)
    return _cached(
        "activity",
        scope,
        statuses,
        lambda: activity(observations=observations_for(deployments=deployments, statuses=statuses)),
    )


def cached_observation_counts(*, scope: str, deployments: QuerySet[Deployment]) -> dict[int, int]:
    """All observations per deployment (any status), computed once until the data change."""
    return _cached(
        "observation-counts",
        scope,
        [],
        lambda: dict(
            Observation.objects.filter(deployment__in=deployments)
            .order_by()
            .values("deployment_id")
            .annotate(n=Count("id"))
            .values_list("deployment_id", "n")
        ),
    )


def cached_events_by_structure(
    *, scope: str, deployments: QuerySet[Deployment], statuses: Iterable[str]
) -> dict:
    """``events_by_structure`` for the overview pages, cached until the data changes.

    ``scope`` names the selection (``"all"``, ``"region:<pk>"``) so different selections never share
    an entry. With ``REDIS_URL`` the entries and the data version are shared by every process, so a
    change saved through any server is seen by all at once; the entry also expires after
    ``STATS_CACHE_SECONDS`` for writes that do not call ``data_changed``.
    """
    statuses = sorted(statuses)

    def compute() -> dict:
        return events_by_structure(deployments=deployments, statuses=statuses)

    return _cached("by-structure", scope, statuses, compute)


def events_by_structure(*, deployments: QuerySet[Deployment], statuses: Iterable[str]) -> dict[int, dict]:
    """Per structure: events, records, crossings, turned back, species count, effort and rate (the
    events at its deployments with trap-nights per 100 of them)."""
    observations = observations_for(deployments=deployments, statuses=statuses)
    rows = event_counts(observations=observations, group_by=["deployment_id", "taxon_id"])
    effort = effort_by_deployment(deployments=deployments)
    structure_of = dict(deployments.values_list("id", "structure_id"))
    result: dict[int, dict] = {}
    species: dict[int, set[int]] = {}
    trap_events: dict[int, int] = {}
    for pk, nights in effort.items():
        entry = result.setdefault(structure_of[pk], _empty_structure_row())
        entry["trap_nights"] += nights or 0.0
    for row in rows:
        structure = structure_of[row["deployment_id"]]
        entry = result.setdefault(structure, _empty_structure_row())
        for key in ("events", "records", "crossings", "turned_back"):
            entry[key] += row[key]
        species.setdefault(structure, set()).add(row["taxon_id"])
        if effort.get(row["deployment_id"]) is not None:
            trap_events[structure] = trap_events.get(structure, 0) + row["events"]
    for structure, entry in result.items():
        entry["species"] = len(species.get(structure, ()))
        entry["trap_nights"] = round(entry["trap_nights"], 2)
        entry["rate"] = rate_per_100(trap_events.get(structure, 0), entry["trap_nights"])
    return result


def _empty_structure_row() -> dict:
    return {"events": 0, "records": 0, "crossings": 0, "turned_back": 0, "species": 0, "trap_nights": 0.0}


def activity(*, observations: QuerySet[Observation]) -> dict[str, list[int]]:
    """Records per hour of day (0–23, local time) and per month (1–12)."""
    tz = timezone.get_current_timezone()
    by_hour = dict(
        observations.annotate(h=ExtractHour("timestamp", tzinfo=tz))
        .order_by()
        .values("h")
        .annotate(n=Count("id"))
        .values_list("h", "n")
    )
    by_month = dict(
        observations.annotate(m=F("month"))
        .order_by()
        .values("m")
        .annotate(n=Count("id"))
        .values_list("m", "n")
    )
    return {
        "hours": [by_hour.get(h, 0) for h in range(24)],
        "months": [by_month.get(m, 0) for m in range(1, 13)],
    }


def species_by_month(*, deployments: QuerySet[Deployment], statuses: Iterable[str]) -> dict[int, list[int]]:
    """Records per species (taxon id) and month (1–12, local time) of the selection."""
    rows = (
        observations_for(deployments=deployments, statuses=statuses)
        .annotate(m=F("month"))
        .order_by()
        .values("taxon_id", "m")
        .annotate(n=Count("id"))
        .values_list("taxon_id", "m", "n")
    )
    result: dict[int, list[int]] = {}
    for taxon_id, month, n in rows:
        result.setdefault(taxon_id, [0] * 12)[month - 1] = n
    return result


def in_period(
    observations: QuerySet[Observation], *, start: datetime | None, end: datetime | None
) -> QuerySet[Observation]:
    """The one period filter of pages, API, statistics and exports: records from ``start`` (included)
    up to ``end`` (excluded); either may be open (None). ``period_bounds`` turns days into the two."""
    if start:
        observations = observations.filter(timestamp__gte=start)
    if end:
        observations = observations.filter(timestamp__lt=end)
    return observations


def period_bounds(*, date_from, date_to) -> tuple[datetime | None, datetime | None]:
    """Aware datetimes for a period given as dates: from the start of the first day to the end of the last."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(date_from, datetime.min.time(), tzinfo=tz) if date_from else None
    end = datetime.combine(date_to, datetime.min.time(), tzinfo=tz) + timedelta(days=1) if date_to else None
    return start, end
