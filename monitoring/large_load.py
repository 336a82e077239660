"""The table work around a large load of observations on PostgreSQL (``bulk.load_observations``
with ``large=True``): what is set aside before its COPY, what is restored before it commits, and
what is rebuilt once it has committed.

Keeping the indexes while a million rows arrive costs one index insertion per row and index, and
rebuilding them inside the load kept every reader of the observations waiting for it: the load
holds the table's exclusive lock from the moment it drops its first index. So the load restores,
inside its transaction, what correctness needs (the primary key, the foreign keys, the planner's
statistics), and the indexes the model declares are built again right after the commit with
``CREATE INDEX CONCURRENTLY``, which blocks nobody. Until then the observations are complete and
correct, only read without those indexes.
"""

import time
from dataclasses import dataclass, field

from django.db import IntegrityError, connection

from .models import Observation

# One tidy-up at a time (two workers, or a worker and a load that fell back to doing it itself):
# another one's index under construction looks like a broken one.
TIDY_UP_LOCK = 0x6D6F6E5F6F6273  # "mon_obs"
LOCK_POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Key:
    """A single-column foreign key of the observations."""

    name: str
    definition: str
    column: str
    target_table: str
    target_column: str


@dataclass(frozen=True)
class SetAside:
    """What a large load dropped: the primary key's definition and the foreign keys, which it
    restores before committing. The indexes it dropped are the model's, built again afterwards."""

    primary_keys: list[tuple[str, str]] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)


def hold_off_tidy_up(cursor) -> bool:
    """Keep any tidy-up from starting until this transaction ends; False when one is running."""
    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [TIDY_UP_LOCK])
    return bool(cursor.fetchone()[0])


def set_aside(cursor, table: str) -> SetAside:
    """Drop the table's primary key, its foreign keys and the indexes its model declares.

    An index the model does not declare stays, kept up to date by the COPY: only the model's can be
    built again from the model. A primary key built in one sort after the load costs a quarter of
    what adding each row's entry to it costs.
    """
    # The lock first, then what to set aside: a load that waited for another one's commit must see
    # what that one left (its indexes are still to be built again), not what was there before.
    cursor.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass"
        " AND contype = 'p'",
        [table],
    )
    primary_keys = cursor.fetchall()
    declared = [index.name for index in Observation._meta.indexes]
    cursor.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s"
        " AND indexname = ANY(%s)",
        [table, declared],
    )
    indexes = [name for (name,) in cursor.fetchall()]
    cursor.execute(
        "SELECT c.conname, pg_get_constraintdef(c.oid), a.attname, c.confrelid::regclass::text, t.attname"
        " FROM pg_constraint c"
        " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
        " JOIN pg_attribute t ON t.attrelid = c.confrelid AND t.attnum = c.confkey[1]"
        " WHERE c.conrelid = %s::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1",
        [table],
    )
    keys = [Key(*row) for row in cursor.fetchall()]
    # Checks still pending in this transaction must run first: tables with pending trigger
    # events cannot be altered.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    for key in keys:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{key.name}"')
    for name, _definition in primary_keys:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return SetAside(primary_keys=primary_keys, keys=keys)


def restore(cursor, table: str, set_aside: SetAside, *, referenced: dict[str, set]) -> None:
    """Build the primary key again and add the foreign keys back, checking the loaded rows.

    ``referenced`` holds the values the load wrote in each key column. They are looked up in their
    tables, and locked there (``FOR KEY SHARE``, as PostgreSQL's own key check does) so that none
    can go before the load commits. A key added with NOT VALID is enforced from then on but checks
    no existing row; ``tidy_up`` marks it validated afterwards, outside the load's transaction.
    """
    for name, definition in set_aside.primary_keys:
        cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
    for key in set_aside.keys:
        wanted = sorted(value for value in referenced.get(key.column, ()) if value is not None)
        if wanted:
            cursor.execute(
                f'SELECT "{key.target_column}" FROM {key.target_table}'
                f' WHERE "{key.target_column}" = ANY(%s) FOR KEY SHARE',
                [wanted],
            )
            missing = set(wanted).difference(value for (value,) in cursor.fetchall())
            if missing:
                raise IntegrityError(
                    f'insert or update on table "{table}" violates foreign key constraint "{key.name}": '
                    f"{key.column}={min(missing)} is not present in table {key.target_table}"
                )
        cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{key.name}" {key.definition} NOT VALID')


def tidy_up() -> None:
    """Once a large load has committed: build the indexes the model declares that are missing (or
    left invalid by a build that was interrupted) with ``CREATE INDEX CONCURRENTLY``, mark the
    foreign keys validated, which the load checked itself, and VACUUM the table, so that the
    statistics read a structure's observations from the index alone. Nothing here blocks readers
    or writers of the observations; none of it runs in a transaction (it refuses to be called in
    one). Safe to run at any time (elsewhere than on PostgreSQL it only builds missing indexes)."""
    if connection.in_atomic_block:
        # CREATE INDEX CONCURRENTLY and VACUUM cannot run in a transaction, and a failure there
        # would keep the session's lock (which every later tidy-up waits for) until it ends.
        raise RuntimeError("The tidy-up after a large load runs outside a transaction.")
    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            _build_missing_indexes(cursor, table)
            return
        _wait_for_the_lock(cursor)
        try:
            _build_missing_indexes(cursor, table)
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'"
                " AND NOT convalidated",
                [table],
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'ALTER TABLE "{table}" VALIDATE CONSTRAINT "{name}"')
            cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [TIDY_UP_LOCK])


def _wait_for_the_lock(cursor) -> None:
    """Take the tidy-up's lock, asking again until it is free rather than waiting in a statement:
    CREATE INDEX CONCURRENTLY in the tidy-up holding it waits for every open transaction, a
    statement waiting for the lock included (a deadlock)."""
    while True:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [TIDY_UP_LOCK])
        if cursor.fetchone()[0]:
            return
        time.sleep(LOCK_POLL_SECONDS)


def _index_validity(cursor, table: str) -> dict[str, bool]:
    """Each index of the table, and whether it is valid (usable)."""
    if connection.vendor != "postgresql":
        constraints = connection.introspection.get_constraints(cursor, table)
        return {name: True for name, details in constraints.items() if details["index"]}
    cursor.execute(
        "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE i.indrelid = %s::regclass",
        [table],
    )
    return dict(cursor.fetchall())


def _build_missing_indexes(cursor, table: str) -> None:
    validity = _index_validity(cursor, table)
    concurrently = connection.vendor == "postgresql"
    with connection.schema_editor(atomic=False) as editor:
        for index in Observation._meta.indexes:
            if validity.get(index.name):
                continue
            if index.name in validity:  # invalid: what an interrupted build leaves
                cursor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{index.name}"')
            sql = index.create_sql(Observation, editor, concurrently=True) if concurrently else None
            editor.execute(sql or index.create_sql(Observation, editor))
