"""The bulk loader writes rows the ORM and the statistics read back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from monitoring import bulk, statistics
from monitoring.models import Deployment, Observation
from tests.monitoring.factories import T0, DeploymentFactory, taxon

pytestmark = pytest.mark.django_db(transaction=False)


def test_bulk_load_observations_in_batches():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    rows = (
        {
            "deployment_id": dep.pk,
            "taxon_id": fox.pk,
            "timestamp": T0 + timedelta(minutes=20 * i),
            "review_status": "confirmed",
            "outcome": "crossing",
        }
        for i in range(7)
    )
    before = timezone.now()
    assert bulk.load_observations(rows=rows, batch_size=3) == 7
    assert Observation.objects.filter(deployment=dep).count() == 7
    # What the rows leave out, the database fills in: the time they were entered, the defaults.
    assert Observation.objects.filter(created_at__gte=before - timedelta(seconds=1)).count() == 7
    assert set(Observation.objects.values_list("direction", "count", "comments")) == {("unknown", 1, "")}
    assert Observation.objects.order_by("timestamp").first().timestamp == T0
    figures = statistics.figures(deployments=Deployment.objects.all(), statuses=["confirmed"])
    assert figures.records == 7 and figures.events == 1 and figures.crossings == 7


def _rows(dep, fox, n, **extra):
    return (
        {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": T0 + timedelta(hours=i), **extra}
        for i in range(n)
    )


def _indexes_and_constraints() -> dict:
    """Each index and constraint of the observations, with its definition on PostgreSQL."""
    from django.db import connection

    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return connection.introspection.get_constraints(cursor, table)
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass",
            [table],
        )
        found = {name: (definition, valid) for name, definition, valid in cursor.fetchall()}
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint"
            " WHERE conrelid = %s::regclass",
            [table],
        )
        return found | {name: (definition, valid) for name, definition, valid in cursor.fetchall()}


def test_a_large_load_keeps_its_primary_key_and_foreign_keys_until_it_commits():
    from django.db import connection

    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    before = _indexes_and_constraints()
    assert bulk.load_observations(rows=_rows(dep, fox, 5, count=3), large=True) == 5
    during = _indexes_and_constraints()
    # Inside the load's transaction (the test's) the model's indexes are still to be built again.
    declared = {index.name for index in Observation._meta.indexes}
    if connection.vendor == "postgresql":
        assert set(during) == {name for name in before if name not in declared}
        assert during["monitoring_observation_pkey"] == before["monitoring_observation_pkey"]
    else:  # batched inserts: nothing is set aside
        assert during == before
    assert sorted(Observation.objects.values_list("count", flat=True)) == [3] * 5
    # Defaults fill what the rows leave out, including the Camtrap DP event ID.
    assert set(Observation.objects.values_list("review_status", "level", "event_id")) == {
        ("to_check", "event", "")
    }


@pytest.mark.django_db(transaction=True)
def test_after_a_large_load_commits_its_indexes_come_back_and_its_keys_are_validated():
    """The load checks its rows itself, adds the keys back unchecked (NOT VALID) and leaves the
    model's indexes out; once it has committed, the tidy-up builds them again and marks the keys
    validated, so the table is as it was and the database vouches for every row again."""
    from monitoring.models import Taxon
    from monitoring.taxa import seed_taxa

    seed_taxa(Taxon)  # transactional tests flush the data the migration seeded
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    before = _indexes_and_constraints()
    assert bulk.load_observations(rows=_rows(dep, fox, 4), large=True) == 4
    assert _indexes_and_constraints() == before
    with pytest.raises(Exception, match="(?i)foreign key"):
        bulk.load_observations(rows=[{"deployment_id": dep.pk + 99, "taxon_id": fox.pk, "timestamp": T0}])


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_large_load_builds_its_indexes_again_itself(monkeypatch):
    from monitoring.models import Taxon
    from monitoring.tasks import tidy_up_after_large_load
    from monitoring.taxa import seed_taxa

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("no broker")

    seed_taxa(Taxon)
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    before = _indexes_and_constraints()
    monkeypatch.setattr(tidy_up_after_large_load, "apply_async", unreachable)
    assert bulk.load_observations(rows=_rows(dep, fox, 3), large=True) == 3
    assert _indexes_and_constraints() == before


@pytest.mark.django_db(transaction=True)
def test_the_tidy_up_builds_again_an_index_that_is_missing_or_was_left_invalid():
    """A build that was interrupted leaves an invalid index (PostgreSQL keeps it, unused); the
    tidy-up drops it and builds it again, and builds one that is missing."""
    from django.db import connection

    from monitoring import large_load

    before = _indexes_and_constraints()
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "mon_obs_taxon_ts"')
        if connection.vendor == "postgresql":
            # What an interrupted CREATE INDEX CONCURRENTLY leaves behind.
            cursor.execute(
                "UPDATE pg_index SET indisvalid = false"
                " WHERE indexrelid = 'mon_obs_dep_taxon_ts_id'::regclass"
            )
    assert _indexes_and_constraints() != before
    large_load.tidy_up()
    assert _indexes_and_constraints() == before


def test_a_large_load_numbers_its_observations_after_those_stored_and_before_the_next():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    bulk.load_observations(rows=_rows(dep, fox, 2))
    stored = set(Observation.objects.values_list("pk", flat=True))
    assert bulk.load_observations(rows=_rows(dep, fox, 3, count=2), large=True) == 3
    loaded = set(Observation.objects.filter(count=2).values_list("pk", flat=True))
    later = bulk.load_observations(rows=_rows(dep, fox, 1, count=5))
    assert later == 1 and len(loaded) == 3 and max(stored) < min(loaded)
    assert Observation.objects.get(count=5).pk > max(loaded)
    assert Observation.objects.create(deployment=dep, taxon=fox, timestamp=T0).pk > max(loaded) + 1


def test_a_large_load_with_an_unknown_deployment_saves_nothing():
    from django.db import IntegrityError, transaction

    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    rows = [*_rows(dep, fox, 3), {"deployment_id": dep.pk + 1000, "taxon_id": fox.pk, "timestamp": T0}]
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.load_observations(rows=rows, large=True)
        # SQLite checks deferred foreign keys when asked (Django's test transaction never commits).
        from django.db import connection

        connection.check_constraints(table_names=[Observation._meta.db_table])
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"outcome": "x" * 13},
        {"comments": "a\x00b"},
        {"count": 2**31},
        # A binary COPY would wrap it around to an existing user's id.
        {"created_by_id": 2**32 + 1},
        {"taxon": "Vulpes vulpes"},  # not a column the loader knows: it would be lost
    ],
)
@pytest.mark.parametrize("large", [False, True])
def test_a_value_its_column_cannot_hold_saves_nothing(bad, large):
    from django.db import transaction

    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    rows = [*_rows(dep, fox, 3), {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": T0, **bad}]
    with pytest.raises(ValueError), transaction.atomic():
        bulk.load_observations(rows=rows, large=large)
    assert Observation.objects.count() == 0


@pytest.mark.parametrize("large", [False, True])
def test_rows_of_different_shapes_each_keep_their_own_values(large):
    """The loader lays its columns out after the first row; later rows that bring other fields (or
    the same number of other fields) keep theirs, and the defaults fill the rest."""
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    first = {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": T0, "count": 2}
    more = {**first, "timestamp": T0 + timedelta(hours=1), "outcome": "crossing", "comments": "nat"}
    same_size = {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": T0 + timedelta(hours=2)}
    same_size["sex"] = "female"
    assert bulk.load_observations(rows=[first, more, same_size], large=large) == 3
    stored = list(
        Observation.objects.order_by("timestamp").values_list("count", "outcome", "comments", "sex")
    )
    assert stored == [(2, "unknown", "", ""), (2, "crossing", "nat", ""), (1, "unknown", "", "female")]


@pytest.mark.django_db(transaction=True)
def test_a_load_of_many_rows_has_the_table_vacuumed_once_it_has_committed(monkeypatch):
    """So that a structure's statistics read the new observations from the index alone."""
    from django.db import connection

    from monitoring.models import Taxon
    from monitoring.taxa import seed_taxa

    queued = []
    monkeypatch.setattr(bulk, "ANALYZE_AFTER_ROWS", 3)
    monkeypatch.setattr("portal.tasks.enqueue", lambda task, **kwargs: queued.append(task.name) or True)
    seed_taxa(Taxon)
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    bulk.load_observations(rows=_rows(dep, fox, 2))
    assert queued == []
    bulk.load_observations(rows=_rows(dep, fox, 3))
    vacuumed = connection.vendor == "postgresql"  # SQLite has no visibility map to keep
    assert queued == (["monitoring.tidy_up_after_large_load"] if vacuumed else [])


def test_an_import_at_least_as_large_as_the_table_sets_its_indexes_aside(settings):
    """The Camtrap DP import asks ``is_large``: a first import of a camera's archive is loaded with
    the indexes set aside, a package small next to what is stored is not."""
    from django.db import connection

    settings.MONITORING_LARGE_LOAD_ROWS = 3
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    on_postgresql = connection.vendor == "postgresql"  # elsewhere every load is a batched insert
    assert not bulk.is_large(2)
    assert bulk.is_large(3) is on_postgresql
    bulk.load_observations(rows=_rows(dep, fox, 10))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Observation._meta.db_table}")
    assert not bulk.is_large(9)
    assert bulk.is_large(10) is on_postgresql


@pytest.mark.parametrize("large", [False, True])
def test_a_row_that_leaves_out_a_column_the_first_one_brought_gets_its_default(large):
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    first = {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": T0, "count": 2, "comments": "nat"}
    second = {"deployment_id": dep.pk, "taxon_id": fox.pk, "timestamp": T0 + timedelta(hours=1)}
    assert bulk.load_observations(rows=[first, second], large=large) == 2
    stored = list(Observation.objects.order_by("timestamp").values_list("count", "comments", "sex"))
    assert stored == [(2, "nat", ""), (1, "", "")]


@pytest.mark.django_db(transaction=True)
def test_the_tidy_up_refuses_to_run_inside_a_transaction_and_keeps_no_lock():
    from django.db import connection, transaction

    from monitoring import large_load

    with pytest.raises(RuntimeError, match="outside a transaction"), transaction.atomic():
        large_load.tidy_up()
    large_load.tidy_up()  # another one does not wait for a lock left behind
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            )
            assert cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_a_failing_tidy_up_without_a_broker_is_logged_not_raised_after_the_load_is_saved(monkeypatch, caplog):
    from django.db import connection

    from monitoring import large_load
    from monitoring.models import Taxon
    from monitoring.tasks import tidy_up_after_large_load
    from monitoring.taxa import seed_taxa

    def unreachable(*args, **kwargs):
        raise ConnectionRefusedError("no broker")

    def broken():
        raise RuntimeError("tidy-up failed")

    seed_taxa(Taxon)
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    monkeypatch.setattr(tidy_up_after_large_load, "apply_async", unreachable)
    monkeypatch.setattr(large_load, "tidy_up", broken)
    assert bulk.load_observations(rows=_rows(dep, fox, 3), large=True) == 3
    assert Observation.objects.count() == 3
    if connection.vendor == "postgresql":  # elsewhere a large load has nothing to tidy up
        assert "tidy-up failed" in caplog.text


def test_a_large_load_while_a_tidy_up_builds_indexes_is_an_ordinary_load():
    """Setting the indexes aside would wait for the tidy-up, which waits for the load (a deadlock)."""
    from django.db import connection

    from monitoring import large_load

    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    before = _indexes_and_constraints()
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict  # the test database
        with psycopg.connect(
            host=params["HOST"], port=params["PORT"], user=params["USER"], dbname=params["NAME"]
        ) as tidying:
            tidying.execute("SELECT pg_advisory_lock(%s)", [large_load.TIDY_UP_LOCK])
            assert bulk.load_observations(rows=_rows(dep, fox, 3), large=True) == 3
        assert _indexes_and_constraints() == before
    assert bulk.load_observations(rows=_rows(dep, fox, 2, count=4), large=True) == 2
    assert Observation.objects.filter(count=4).count() == 2
