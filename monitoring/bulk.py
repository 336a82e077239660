"""Fast loading of many observations: COPY on PostgreSQL, batched inserts elsewhere.

Rows bypass model validation, so callers pass checked values (the CSV check, an import); the
database still checks the foreign keys and constraints.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, islice
from operator import itemgetter

import psycopg
from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from portal.tasks import enqueue_on_commit

from .models import Deployment, Observation, Structure, Taxon
from .statistics import data_changed

COLUMNS = (
    "deployment_id",
    "taxon_id",
    "timestamp",
    "count",
    "direction",
    "outcome",
    "life_stage",
    "sex",
    "behaviour",
    "level",
    "event_id",
    "identified_by",
    "created_by_id",
    "created_at",
    "review_status",
    "external_id",
    "comments",
    "month",  # computed from the timestamp (see ``LocalMonthField``)
)
# Loads at least this large refresh the planner's statistics of the table at once.
ANALYZE_AFTER_ROWS = 10_000


class _Layout:
    """The COPY's column order for rows shaped like the first one: the columns that row brings
    first, then the others (at their defaults), then the local month. A row of that shape becomes
    its tuple with one ``itemgetter`` and a concatenation, the cost of a plain tuple; a row of
    another shape takes the general path."""

    def __init__(self, first: dict, defaults: dict) -> None:
        fields = COLUMNS[:-1]
        brought = [c for c in fields if c in first]
        rest = [c for c in fields if c not in first]
        self.columns: tuple[str, ...] = (*brought, *rest, COLUMNS[-1])
        # The quick path only for rows with exactly these keys (a key it does not know would make
        # a row of the same size with a different key pass unnoticed).
        self.size = len(first) if len(brought) == len(first) else -1
        self.brought = itemgetter(*brought) if len(brought) > 1 else None
        self.rest = tuple(defaults[c] for c in rest)
        self.every = itemgetter(*self.columns[:-1])
        self.defaults = defaults
        self.moment = self.columns.index("timestamp")

    def values(self, row: dict) -> tuple:
        """The row's value of each column but the month, in the layout's order."""
        if len(row) == self.size and self.brought is not None:
            try:
                return self.brought(row) + self.rest
            except KeyError:
                pass  # another row of the same size: the general path
        return self.every(self.defaults | row)


def _defaults(now: datetime) -> dict:
    """The value of each column a row may leave out."""
    return {
        "count": 1,
        "direction": Observation.Direction.UNKNOWN.value,
        "outcome": Observation.Outcome.UNKNOWN.value,
        "life_stage": "",
        "sex": "",
        "behaviour": "",
        "level": Observation.Level.EVENT.value,
        "event_id": "",
        "identified_by": "",
        "created_by_id": None,
        "created_at": now,
        "review_status": Observation.Status.TO_CHECK.value,
        "external_id": "",
        "comments": "",
    }


def _full_rows(
    rows: Iterable[dict], layout: _Layout, *, check_text: bool = True, first_id: int | None = None
) -> Iterator[tuple]:
    """Every column's value of each row in ``layout.columns`` order (defaults for what it leaves
    out, the local month), preceded by its id from ``first_id`` on when one is given, refusing
    values their column cannot hold. PostgreSQL refuses text that is
    too long or holds a NUL itself (``check_text=False``), but a binary COPY would wrap an integer
    that is too large (99999999999 became 1215752191) instead of failing, so integers are always
    checked here."""
    zone = timezone.get_current_timezone()
    integers, texts = _column_limits()
    # Only the values a row brings are checked: the defaults fit their columns.
    ranges = [(layout.columns.index(c), c, low, high) for c, (low, high) in integers.items()]
    lengths = [(layout.columns.index(c), c, limit) for c, limit in texts.items()] if check_text else []
    moment = layout.moment
    for row in rows:
        values = layout.values(row)
        for index, column, low, high in ranges:
            value = values[index]
            if isinstance(value, int) and not low <= value <= high and column in row:
                raise ValueError(f"{column} {value!r} is outside {low}..{high}")
        for index, column, limit in lengths:
            value = values[index]
            if isinstance(value, str) and column in row:
                if limit is not None and len(value) > limit:
                    raise ValueError(f"{column} is longer than {limit} characters")
                if "\x00" in value:
                    raise ValueError(f"{column} contains a null character")
        month = values[moment].astimezone(zone).month
        if first_id is None:
            yield values + (month,)
        else:
            yield (first_id,) + values + (month,)
            first_id += 1


def _column_limits() -> tuple[dict[str, tuple[int, int]], dict[str, int | None]]:
    """The integer range of each integer column (PostgreSQL's types), and each text column's maximum
    length (None: unlimited)."""
    fields = {f.column: f for f in Observation._meta.concrete_fields}
    integers: dict[str, tuple[int, int]] = {}
    texts: dict[str, int | None] = {}
    for column in COLUMNS[:-1]:
        field = fields[column]
        if isinstance(field, models.IntegerField) and not field.is_relation:
            low = 0 if isinstance(field, models.PositiveIntegerField) else -(2**31)
            integers[column] = (low, 2**31 - 1)
        elif isinstance(field, models.CharField | models.TextField):
            texts[column] = field.max_length
    return integers, texts


def _postgres_types(columns: Iterable[str] = COLUMNS) -> list[str]:
    """The column types for a binary COPY (``varchar(8)`` -> ``varchar``)."""
    fields = {f.column: f for f in Observation._meta.concrete_fields}
    types = []
    for column in columns:
        field = fields[column]
        db_type = (
            field.target_field.rel_db_type(connection)  # type: ignore[attr-defined]
            if field.is_relation
            else field.db_type(connection)
        )
        types.append(re.sub(r"\(.*\)", "", db_type or ""))
    return types


def load_observations(*, rows: Iterable[dict], batch_size: int | None = None, large: bool = False) -> int:
    """Insert observation rows (dicts with deployment_id, taxon_id, timestamp...); returns the count.

    On PostgreSQL the rows go in one binary COPY. ``large=True`` is for a load that is big next to
    the table (a first import of a camera's archive): the table's primary key, full indexes and
    foreign keys are dropped, the rows copied (numbered by the load itself), and then the indexes
    rebuilt and the keys validated in one pass each, all in the same transaction (PostgreSQL's
    advice for populating a database); the planner's statistics are refreshed afterwards and, once
    committed, the table vacuumed. Readers of the observations wait for that transaction, so it is
    not for uploads while the site is in use.
    """
    now = timezone.now()
    table = Observation._meta.db_table
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    layout = _Layout(first, _defaults(now))
    rows = chain((first,), rows)
    total = 0
    with transaction.atomic():
        transaction.on_commit(data_changed)
        if connection.vendor == "postgresql":
            if large:
                from .tasks import tidy_up_after_large_load  # which imports this module

                enqueue_on_commit(tidy_up_after_large_load)
            with connection.cursor() as cursor:
                if large:
                    # Index rebuilds sort in memory rather than in temporary files.
                    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                dropped = _drop_indexes_and_keys(cursor, table) if large else _Dropped()
                first_id = _first_free_id(cursor, table) if large else None
                written = ("id", *layout.columns) if large else layout.columns
                full = _full_rows(rows, layout, check_text=False, first_id=first_id)
                columns = ", ".join(connection.ops.quote_name(c) for c in written)
                raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper, for COPY
                try:
                    with raw.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
                        copy.set_types(_postgres_types(written))
                        for row in full:
                            copy.write_row(row)
                            total += 1
                except psycopg.errors.DataError as error:  # text too long or with a NUL
                    raise ValueError(str(error).splitlines()[0]) from error
                if first_id is not None:
                    _take_ids(cursor, table, last=first_id + total - 1)
                for definition in dropped.indexes:
                    cursor.execute(definition)
                keys = dropped.keys
                if keys:
                    _restore_keys(cursor, table, keys, written=layout.columns)
                if large or total >= ANALYZE_AFTER_ROWS:
                    _analyze(cursor)
            return total
        full = _full_rows(rows, layout)
        columns = ", ".join(connection.ops.quote_name(c) for c in layout.columns)
        size = batch_size or settings.MONITORING_BULK_BATCH_SIZE
        placeholders = ", ".join(["%s"] * len(layout.columns))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            while batch := list(islice(full, size)):
                cursor.executemany(sql, [_adapt(r) for r in batch])
                total += len(batch)
            if total >= ANALYZE_AFTER_ROWS:
                _analyze(cursor)
    return total


def tidy_up() -> None:
    """After a first import (once committed; neither blocks readers or writers of the observations):
    mark its foreign keys validated, which the import checked itself, and VACUUM the table, so that
    the statistics read a structure's observations from the index alone instead of visiting a
    million rows. VACUUM runs outside a transaction."""
    table = Observation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'"
            " AND NOT convalidated",
            [table],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE "{table}" VALIDATE CONSTRAINT "{name}"')
        cursor.execute(f"VACUUM {connection.ops.quote_name(table)}")


def _analyze(cursor) -> None:
    """Refresh the planner's statistics of the observations and of the small tables the statistics
    join them with: without them (autovacuum may never analyse a table of a hundred rows) the planner
    guesses, and a province-wide aggregation took three times as long as it needs to."""
    for model in (Observation, Taxon, Deployment, Structure):
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@dataclass(frozen=True)
class _Key:
    name: str
    definition: str
    column: str
    target_table: str
    target_column: str


@dataclass(frozen=True)
class _Dropped:
    """What a large load dropped: the statements that build its indexes again (the primary key
    first), and its foreign keys."""

    indexes: list[str] = field(default_factory=list)
    keys: list[_Key] = field(default_factory=list)


def _first_free_id(cursor, table: str) -> int:
    """The first id of a large load, which numbers its rows itself: the identity's next value.

    Taking a value per row costs a quarter of a raw COPY; the load holds the table's exclusive lock
    (it dropped indexes), so nobody else takes ids until ``_take_ids`` moves the identity on."""
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
    return cursor.fetchone()[0]


def _take_ids(cursor, table: str, *, last: int) -> None:
    """Move the identity past the ids a large load gave its rows."""
    cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, last])


def _drop_indexes_and_keys(cursor, table: str) -> _Dropped:
    """Drop the table's primary key, its full secondary indexes and its foreign keys; return how to
    restore them. A primary key built in one sort after the load costs a quarter of what adding each
    row's entry to it costs."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass"
        " AND contype = 'p'",
        [table],
    )
    primary_keys = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s"
        " AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    # Partial indexes stay: they only hold the few rows a first import has outside the usual (a
    # picture, a reviewer, a status other than confirmed), which are cheaper to add one by one than
    # reading the whole table again for each index.
    indexes = [(name, definition) for name, definition in cursor.fetchall() if " WHERE " not in definition]
    cursor.execute(
        "SELECT c.conname, pg_get_constraintdef(c.oid), a.attname, c.confrelid::regclass::text, t.attname"
        " FROM pg_constraint c"
        " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
        " JOIN pg_attribute t ON t.attrelid = c.confrelid AND t.attnum = c.confkey[1]"
        " WHERE c.conrelid = %s::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1",
        [table],
    )
    keys = [_Key(*row) for row in cursor.fetchall()]
    # Checks still pending in this transaction must run first: tables with pending trigger
    # events cannot be altered.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    for key in keys:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{key.name}"')
    for name, _definition in primary_keys:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return _Dropped(
        indexes=[
            *(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {sql}' for name, sql in primary_keys),
            *(definition for _name, definition in indexes),
        ],
        keys=keys,
    )


def _restore_keys(cursor, table: str, keys: list[_Key], *, written: Iterable[str]) -> None:
    """Add the foreign keys back and check the loaded rows against them in one pass.

    A key added with NOT VALID is enforced from then on but checks no existing row, which takes a
    pass over the table per key; instead one query looks for rows whose written columns point
    nowhere (columns the load does not write are empty). Adding a key locks its target table against
    changes until the load commits, so what the query found stays true; ``tidy_up`` marks the keys
    validated afterwards, outside the load's transaction.
    """
    for key in keys:
        cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{key.name}" {key.definition} NOT VALID')
    checked = [key for key in keys if key.column in set(written)]
    if not checked:
        return
    orphans = [
        f'(o."{k.column}" IS NOT NULL AND NOT EXISTS '
        f'(SELECT 1 FROM {k.target_table} t WHERE t."{k.target_column}" = o."{k.column}"))'
        for k in checked
    ]
    found = ", ".join(f'{condition}, o."{k.column}"' for condition, k in zip(orphans, checked, strict=True))
    cursor.execute(f'SELECT {found} FROM "{table}" o WHERE {" OR ".join(orphans)} LIMIT 1')
    row = cursor.fetchone()
    if row is not None:
        key, value = next((k, row[2 * i + 1]) for i, k in enumerate(checked) if row[2 * i])
        raise IntegrityError(
            f'insert or update on table "{table}" violates foreign key constraint "{key.name}": '
            f"{key.column}={value} is not present in table {key.target_table}"
        )


def _adapt(row: tuple) -> tuple:
    """Datetimes as the backend stores them (SQLite keeps UTC text)."""
    return tuple(connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v for v in row)
