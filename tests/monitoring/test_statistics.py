"""The event rule, effort with failures and passage rates, checked by hand on small examples."""

from datetime import UTC, datetime, timedelta

import pytest

from monitoring import statistics
from monitoring.models import Deployment, Observation
from tests.monitoring.factories import (
    T0,
    DeploymentFactory,
    FailureFactory,
    ObservationFactory,
    StructureFactory,
    taxon,
)

pytestmark = pytest.mark.django_db
CONFIRMED = [Observation.Status.CONFIRMED]


def _events(deployments, **kwargs):
    obs = statistics.observations_for(deployments=deployments, statuses=CONFIRMED)
    return {
        r["taxon_id"]: r for r in statistics.event_counts(observations=obs, group_by=["taxon_id"], **kwargs)
    }


def test_observations_exactly_at_the_threshold_belong_to_the_same_event():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    for minutes in (0, 30, 60):  # each exactly 30 min after the previous: one chain, one event
        ObservationFactory(deployment=dep, taxon=fox, timestamp=T0 + timedelta(minutes=minutes))
    row = _events(Deployment.objects.all())[fox.pk]
    assert (row["records"], row["events"]) == (3, 1)


def test_one_second_past_the_threshold_starts_a_new_event():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    ObservationFactory(deployment=dep, taxon=fox, timestamp=T0)
    ObservationFactory(deployment=dep, taxon=fox, timestamp=T0 + timedelta(minutes=30, seconds=1))
    assert _events(Deployment.objects.all())[fox.pk]["events"] == 2


def test_threshold_is_configurable():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    ObservationFactory(deployment=dep, taxon=fox, timestamp=T0)
    ObservationFactory(deployment=dep, taxon=fox, timestamp=T0 + timedelta(minutes=20))
    assert _events(Deployment.objects.all(), threshold_minutes=10)[fox.pk]["events"] == 2
    assert _events(Deployment.objects.all(), threshold_minutes=20)[fox.pk]["events"] == 1


def test_other_species_and_other_deployments_do_not_join_an_event():
    structure = StructureFactory()
    dep_a = DeploymentFactory(structure=structure, position=Deployment.Position.SIDE_A)
    dep_b = DeploymentFactory(structure=structure, position=Deployment.Position.SIDE_B)
    fox, badger = taxon("Vulpes vulpes"), taxon("Meles meles")
    ObservationFactory(deployment=dep_a, taxon=fox, timestamp=T0)
    ObservationFactory(deployment=dep_a, taxon=badger, timestamp=T0 + timedelta(minutes=5))
    ObservationFactory(deployment=dep_a, taxon=fox, timestamp=T0 + timedelta(minutes=10))
    ObservationFactory(deployment=dep_b, taxon=fox, timestamp=T0 + timedelta(minutes=12))
    rows = _events(Deployment.objects.all())
    assert rows[fox.pk]["events"] == 2  # one at side A (two records), one at side B
    assert rows[badger.pk]["events"] == 1


def test_effort_subtracts_failures_clipped_and_merged():
    dep = DeploymentFactory(start=T0, end=T0 + timedelta(days=10))
    # 1 day before the start clipped to 12 h inside; two overlapping failures of days 4-6 and 5-7 = 3 days.
    FailureFactory(deployment=dep, start=T0 - timedelta(days=1), end=T0 + timedelta(hours=12))
    FailureFactory(deployment=dep, start=T0 + timedelta(days=4), end=T0 + timedelta(days=6))
    FailureFactory(deployment=dep, start=T0 + timedelta(days=5), end=T0 + timedelta(days=7))
    # One reaching past the end: only its last day inside counts.
    FailureFactory(deployment=dep, start=T0 + timedelta(days=9), end=T0 + timedelta(days=12))
    effort = statistics.effort_by_deployment(deployments=Deployment.objects.all())
    assert effort[dep.pk] == pytest.approx(10 - 0.5 - 3 - 1)


def test_effort_is_clipped_to_the_period():
    dep = DeploymentFactory(start=T0, end=T0 + timedelta(days=10))
    effort = statistics.effort_by_deployment(
        deployments=Deployment.objects.all(), start=T0 + timedelta(days=8), end=T0 + timedelta(days=30)
    )
    assert effort[dep.pk] == pytest.approx(2)


def test_passage_rate_per_species_per_100_trap_nights_by_hand():
    structure = StructureFactory()
    dep1 = DeploymentFactory(structure=structure, start=T0, end=T0 + timedelta(days=20))
    dep2 = DeploymentFactory(structure=structure, start=T0, end=T0 + timedelta(days=10))
    FailureFactory(deployment=dep1, start=T0, end=T0 + timedelta(days=5))  # effort 15 + 10 = 25 nights
    fox, toad = taxon("Vulpes vulpes"), taxon("Bufo bufo")
    ObservationFactory(deployment=dep1, taxon=fox, timestamp=T0 + timedelta(days=6))
    ObservationFactory(
        deployment=dep1, taxon=fox, timestamp=T0 + timedelta(days=6, minutes=10), outcome="turned_back"
    )
    ObservationFactory(deployment=dep2, taxon=fox, timestamp=T0 + timedelta(days=2))
    ObservationFactory(deployment=dep2, taxon=toad, timestamp=T0 + timedelta(days=3), count=4)
    # Not counted: rejected, to check (public figures), and a human.
    ObservationFactory(
        deployment=dep2, taxon=toad, timestamp=T0 + timedelta(days=4), review_status="rejected"
    )
    ObservationFactory(
        deployment=dep2, taxon=toad, timestamp=T0 + timedelta(days=5), review_status="to_check"
    )
    ObservationFactory(deployment=dep2, taxon=taxon("Homo sapiens"), timestamp=T0 + timedelta(days=5))

    result = statistics.figures(deployments=structure.deployments.all(), statuses=CONFIRMED)

    assert result.trap_nights == 25
    by_name = {s.taxon.scientific_name: s for s in result.species}
    assert set(by_name) == {"Vulpes vulpes", "Bufo bufo"}
    assert (by_name["Vulpes vulpes"].events, by_name["Vulpes vulpes"].rate) == (2, 8.0)
    assert (by_name["Vulpes vulpes"].crossings, by_name["Vulpes vulpes"].turned_back) == (2, 1)
    assert (by_name["Bufo bufo"].events, by_name["Bufo bufo"].individuals, by_name["Bufo bufo"].rate) == (
        1,
        4,
        4.0,
    )
    assert result.rate == 12.0


def test_no_effort_gives_no_rate():
    assert statistics.rate_per_100(3, 0) is None


def test_events_by_structure_compares_structures():
    s1, s2 = StructureFactory(), StructureFactory()
    d1 = DeploymentFactory(structure=s1, end=T0 + timedelta(days=4))
    DeploymentFactory(structure=s2, end=T0 + timedelta(days=8))
    ObservationFactory(deployment=d1, timestamp=T0)
    ObservationFactory(deployment=d1, taxon=taxon("Meles meles"), timestamp=T0)
    rows = statistics.events_by_structure(deployments=Deployment.objects.all(), statuses=CONFIRMED)
    assert rows[s1.pk]["events"] == 2 and rows[s1.pk]["rate"] == 50.0 and rows[s1.pk]["species"] == 2
    assert rows[s2.pk]["events"] == 0 and rows[s2.pk]["trap_nights"] == 8


def test_activity_by_local_hour_and_month():
    dep = DeploymentFactory()
    ObservationFactory(deployment=dep, timestamp=T0)  # 20:00 UTC on 1 May = 22:00 in Brussels
    result = statistics.activity(
        observations=statistics.observations_for(deployments=Deployment.objects.all(), statuses=CONFIRMED)
    )
    assert result["hours"][22] == 1 and sum(result["hours"]) == 1
    assert result["months"][4] == 1


def test_an_event_classified_as_a_whole_and_per_picture_counts_once():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    ObservationFactory(deployment=dep, taxon=fox, count=2, level="event", event_id="e1")
    for seconds in (0, 3, 6):  # the same two foxes on each picture of event e1
        ObservationFactory(
            deployment=dep,
            taxon=fox,
            count=2,
            level="media",
            event_id="e1",
            timestamp=T0 + timedelta(seconds=seconds),
        )
    # An event of a package with media-level observations only, and a picture uploaded here.
    ObservationFactory(
        deployment=dep, taxon=fox, level="media", event_id="e2", timestamp=T0 + timedelta(hours=2)
    )
    ObservationFactory(deployment=dep, taxon=fox, level="media", timestamp=T0 + timedelta(hours=4))
    figures = statistics.figures(deployments=Deployment.objects.all(), statuses=CONFIRMED)
    (fox_row,) = figures.species
    assert (fox_row.records, fox_row.individuals, fox_row.events) == (3, 4, 3)
    activity = statistics.activity(
        observations=statistics.observations_for(deployments=Deployment.objects.all(), statuses=CONFIRMED)
    )
    assert sum(activity["hours"]) == 3


def test_the_example_package_counts_each_sighting_once():
    """The official example classifies 31 of its events as a whole and per picture."""
    import csv

    from monitoring import camtrap
    from tests.monitoring.camtrap_validation import EXAMPLE

    camtrap.import_package(files=camtrap.read_package(EXAMPLE))
    rows = list(csv.DictReader((EXAMPLE / "observations.csv").open(encoding="utf-8")))
    summarised = {r["eventID"] for r in rows if r["observationLevel"] == "event"}
    sightings = [
        r
        for r in rows
        if r["observationType"] == "animal"
        and (r["observationLevel"] == "event" or r["eventID"] not in summarised)
    ]
    figures = statistics.figures(deployments=Deployment.objects.all(), statuses=CONFIRMED)
    assert figures.records == len(sightings)
    assert sum(s.individuals for s in figures.species) == sum(int(r["count"] or 0) for r in sightings)


def test_the_pictures_count_when_the_summary_of_their_event_is_rejected():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    ObservationFactory(
        deployment=dep, taxon=taxon("Meles meles"), level="event", event_id="e1", review_status="rejected"
    )
    for seconds in (0, 3):
        ObservationFactory(
            deployment=dep, taxon=fox, level="media", event_id="e1", timestamp=T0 + timedelta(seconds=seconds)
        )
    (row,) = statistics.figures(deployments=Deployment.objects.all(), statuses=CONFIRMED).species
    assert (row.taxon, row.records, row.events) == (fox, 2, 1)


# Just before midnight UTC at the end of January and June: already February and July in Brussels.
END_OF_JANUARY = datetime(2025, 1, 31, 23, 30, tzinfo=UTC)
END_OF_JUNE = datetime(2025, 6, 30, 22, 30, tzinfo=UTC)


def test_observations_keep_their_local_month_whichever_way_they_are_saved():
    from monitoring import bulk
    from monitoring.models import Observation

    dep = DeploymentFactory(start=END_OF_JANUARY - timedelta(days=1), end=END_OF_JUNE + timedelta(days=1))
    fox = taxon("Vulpes vulpes")
    saved = ObservationFactory(deployment=dep, taxon=fox, timestamp=END_OF_JANUARY)
    Observation.objects.bulk_create([Observation(deployment=dep, taxon=fox, timestamp=END_OF_JUNE)])
    bulk.load_observations(
        rows=[
            {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": t}
            for t in (END_OF_JANUARY, END_OF_JUNE)
        ]
    )
    assert sorted(Observation.objects.values_list("month", flat=True)) == [2, 2, 7, 7]
    saved.timestamp = END_OF_JANUARY - timedelta(hours=1)  # 23:30 on 31 January in Brussels
    saved.save()
    saved.refresh_from_db()
    assert saved.month == 1


def test_records_per_species_and_month_count_in_local_time():
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth
    from django.utils import timezone

    dep = DeploymentFactory(start=END_OF_JANUARY - timedelta(days=1), end=END_OF_JUNE + timedelta(days=1))
    fox, badger = taxon("Vulpes vulpes"), taxon("Meles meles")
    for moment, species in [(END_OF_JANUARY, fox), (END_OF_JUNE, fox), (END_OF_JUNE, badger)]:
        ObservationFactory(deployment=dep, taxon=species, timestamp=moment)
    ObservationFactory(deployment=dep, taxon=fox, timestamp=END_OF_JUNE, review_status="rejected")
    deployments = Deployment.objects.all()

    by_month = statistics.species_by_month(deployments=deployments, statuses=["confirmed"])

    february, july = [0] * 12, [0] * 12
    february[1], july[6] = 1, 1
    assert by_month == {fox.pk: [a + b for a, b in zip(february, july, strict=True)], badger.pk: july}
    # The same as converting every moment to local time in the query.
    converted = (
        statistics.observations_for(deployments=deployments, statuses=["confirmed"])
        .annotate(m=ExtractMonth("timestamp", tzinfo=timezone.get_current_timezone()))
        .values("taxon_id", "m")
        .annotate(n=Count("id"))
        .order_by()
    )
    assert {(r["taxon_id"], r["m"]): r["n"] for r in converted} == {
        (t, m + 1): n for t, months in by_month.items() for m, n in enumerate(months) if n
    }
    activity = statistics.activity(
        observations=statistics.observations_for(deployments=deployments, statuses=["confirmed"])
    )
    assert activity["months"] == [0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]


def test_a_taxon_that_is_no_longer_an_animal_leaves_the_cached_figures():
    """A structure's page keeps its figures until the data change: a taxon's kind is part of them."""
    from monitoring.models import Taxon

    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    ObservationFactory(deployment=dep, taxon=fox)
    deployments = Deployment.objects.filter(structure=dep.structure)
    scope = f"structure:{dep.structure_id}"

    def records() -> int:
        return statistics.cached_figures(scope=scope, deployments=deployments, statuses=CONFIRMED).records

    assert records() == 1
    fox.kind = Taxon.Kind.UNCLASSIFIED
    fox.save()
    assert records() == 0
