"""Fast loading of many observations: COPY on PostgreSQL, batched inserts elsewhere.

Rows bypass model validation, so callers pass checked values (the CSV check, an import); the
database still checks the foreign keys and constraints.
"""

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import chain, islice
from operator import itemgetter

import psycopg
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import NOT_PROVIDED, Value
from django.utils import timezone

from portal.tasks import enqueue_on_commit

from . import large_load
from .models import Deployment, Observation, Structure, Taxon
from .statistics import data_changed
from .tasks import tidy_up_after_large_load

COLUMNS = (
    "deployment_id",
    "taxon_id",
    "timestamp",
    "event_end",
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
    "media_id",
    "camtrap_fields",
    "month",  # computed from the timestamp (see ``LocalMonthField``)
)
# The observations' columns the site filters, joins and groups on: those of the model's indexes,
# and the local month of the species-by-month tables.
PLANNED_COLUMNS = (
    "deployment_id",
    "taxon_id",
    "timestamp",
    "month",
    "review_status",
    "outcome",
    "count",
    "level",
    "event_id",
    "created_by_id",
    "media_id",
    "reviewed_by_id",
)
# Loads at least this large refresh the planner's statistics of the table at once and, on
# PostgreSQL, have it vacuumed once they have committed (so a structure's statistics read its new
# observations from the index alone).
ANALYZE_AFTER_ROWS = 10_000


class _Layout:
    """The columns of one COPY (or INSERT): those a row brings, in ``COLUMNS`` order, then the
    local month. The database fills the other columns with the model's defaults (``db_default``),
    so a million rows do not carry a million copies of them.

    A row with exactly these keys becomes its tuple with one ``itemgetter``; a row that brings fewer
    takes the model's defaults for the others; a row that brings a column outside them does not
    fit (``values`` returns None), and the load starts another statement for it."""

    def __init__(self, first: dict, defaults: dict) -> None:
        _refuse_unknown(first)
        self.fields = tuple(c for c in COLUMNS[:-1] if c in first)
        self.columns: tuple[str, ...] = (*self.fields, COLUMNS[-1])
        # The quick path only for rows with exactly these keys (a key it does not know would make
        # a row of the same size with a different key pass unnoticed).
        self.size = len(first) if len(self.fields) == len(first) else -1
        fields = self.fields  # itemgetter of one key gives the value itself, not a tuple
        self.brought: Callable[[dict], tuple] = (
            itemgetter(*fields) if len(fields) > 1 else lambda row: tuple(row[c] for c in fields)
        )
        self.outside = frozenset(COLUMNS[:-1]).difference(self.fields)
        self.defaults = defaults
        self.moment = self.fields.index("timestamp") if "timestamp" in self.fields else None

    def values(self, row: dict) -> tuple | None:
        """The row's value of each column but the month, in the layout's order; None for a row
        that brings a column outside the layout."""
        if len(row) == self.size:
            try:
                return self.brought(row)
            except KeyError:
                pass  # another row of the same size: the general path
        _refuse_unknown(row)
        if not self.outside.isdisjoint(row):
            return None
        defaults = self.defaults
        return tuple(row[c] if c in row else defaults[c] for c in self.fields)


def _refuse_unknown(row: dict) -> None:
    """A key the loader does not know would be lost without a word (a typo, a column it does not
    load)."""
    unknown = row.keys() - _KNOWN
    if unknown:
        raise ValueError(f"the bulk loader does not load {', '.join(sorted(unknown))}")


_KNOWN = frozenset(COLUMNS[:-1])


def _defaults(now: datetime) -> dict:
    """The model's default of each column a row may leave out (what ``db_default`` fills in when the
    COPY leaves the column out), for a row that leaves out a column of its COPY."""
    fields = {f.column: f for f in Observation._meta.concrete_fields}
    defaults = {}
    for column in COLUMNS[:-1]:
        field = fields[column]
        db_default = field.db_default.value if isinstance(field.db_default, Value) else field.db_default
        if field.has_default():
            defaults[column] = field.get_default()
        elif db_default is not NOT_PROVIDED and not hasattr(db_default, "resolve_expression"):
            defaults[column] = db_default
        else:
            defaults[column] = None  # created_at: the load's time, below
    return defaults | {"created_at": now}


def _full_rows(
    rows: Iterator[dict],
    layout: _Layout,
    *,
    check_text: bool = True,
    referenced: dict[str, set] | None = None,
    left_over: list[dict] | None = None,
) -> Iterator[tuple]:
    """Each row's value of every column of ``layout`` (the local month last), refusing values their
    column cannot hold, until the first row that does not fit the layout, which is put in
    ``left_over``. PostgreSQL refuses text that is too long or holds a NUL itself
    (``check_text=False``), but a binary COPY would wrap an integer that is too large (99999999999
    became 1215752191) instead of failing, so integers are always checked here: once the last row
    has gone, which fails the COPY or the transaction it is part of all the same. The values of
    each column named in ``referenced`` are gathered in its set."""
    zone = timezone.get_current_timezone()
    integers, texts = _column_limits()
    fields = layout.fields
    lengths = [(fields.index(c), c, limit) for c, limit in texts.items() if c in fields] if check_text else []
    # The distinct combinations of the watched columns' values, one set insertion per row; the
    # integers are checked and the referenced values split out of them at the end.
    watched = [c for c in fields if c in integers or c in (referenced or {})]
    pick = itemgetter(*(fields.index(c) for c in watched), 0)  # 0: padding, so one still gives a tuple
    seen: set[tuple] = set()
    add = seen.add
    moment = layout.moment
    size, brought = layout.size, layout.brought  # the quick path of ``layout.values``
    for row in rows:
        try:
            values = brought(row) if len(row) == size else layout.values(row)
        except KeyError:  # another row of the same size: the general path
            values = layout.values(row)
        if values is None:
            if left_over is not None:
                left_over.append(row)
            break
        add(pick(values))
        for index, column, limit in lengths:
            value = values[index]
            if isinstance(value, str):
                if limit is not None and len(value) > limit:
                    raise ValueError(f"{column} is longer than {limit} characters")
                if "\x00" in value:
                    raise ValueError(f"{column} contains a null character")
        when = values[moment] if moment is not None else None
        if when is None:
            yield (*values, None)
        else:
            yield (*values, (when if when.tzinfo is zone else when.astimezone(zone)).month)
    for position, column in enumerate(watched):
        found = {combination[position] for combination in seen}
        if column in integers:
            low, high = integers[column]
            for value in (min(found, key=_as_number), max(found, key=_as_number)):
                if isinstance(value, int) and not low <= value <= high:
                    raise ValueError(f"{column} {value!r} is outside {low}..{high}")
        if referenced is not None and column in referenced:
            referenced[column].update(found)


def _as_number(value) -> float:
    """For the smallest and largest of a column's values, which may include None."""
    return value if isinstance(value, int) else 0


def _column_limits() -> tuple[dict[str, tuple[int, int]], dict[str, int | None]]:
    """The range of each integer column, foreign keys included (PostgreSQL's types, whatever the
    database: one rule), and each text column's maximum length (None: unlimited)."""
    fields = {f.column: f for f in Observation._meta.concrete_fields}
    integers: dict[str, tuple[int, int]] = {}
    texts: dict[str, int | None] = {}
    for column in COLUMNS[:-1]:
        field = fields[column]
        bits = _integer_bits(field.target_field if field.is_relation else field)  # type: ignore[attr-defined]
        if bits:
            high = 2 ** (bits - 1) - 1
            integers[column] = (0 if isinstance(field, _POSITIVE) else -high - 1, high)
        elif isinstance(field, models.CharField | models.TextField):
            texts[column] = field.max_length
    return integers, texts


_POSITIVE = (models.PositiveIntegerField, models.PositiveSmallIntegerField, models.PositiveBigIntegerField)


def _integer_bits(field: models.Field) -> int | None:
    """The size of the PostgreSQL integer type of a field (a binary COPY wraps what is larger)."""
    if isinstance(field, models.BigIntegerField):
        return 64
    if isinstance(field, models.SmallIntegerField):
        return 16
    if isinstance(field, models.IntegerField):
        return 32
    return None


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


def is_large(count: int) -> bool:
    """Whether a load of ``count`` observations is a first import, done best with the table's
    indexes set aside (``large=True``): on PostgreSQL, at least ``MONITORING_LARGE_LOAD_ROWS`` rows
    and at least as many as the table holds (the planner's estimate)."""
    if connection.vendor != "postgresql" or count < settings.MONITORING_LARGE_LOAD_ROWS:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Observation._meta.db_table]
        )
        stored = cursor.fetchone()[0]
    return count >= stored  # -1 for a table never analysed


def load_observations(*, rows: Iterable[dict], batch_size: int | None = None, large: bool = False) -> int:
    """Insert observation rows (dicts with deployment_id, taxon_id, timestamp...); returns the count.

    On PostgreSQL the rows go in a binary COPY (one per shape of rows: the columns they bring; the
    database fills in the others). ``large=True`` is for a load that is big next to
    the table (a first import of a camera's archive): the table's primary key, foreign keys and the
    indexes its model declares are dropped, the rows copied, the primary key rebuilt and the
    foreign keys checked and added back, all in the same transaction (PostgreSQL's advice for
    populating a database), with the planner's statistics refreshed. The indexes are built again
    once it has committed, without blocking anyone (see ``large_load``). Readers of the
    observations wait for the load's transaction, so it is not for uploads while the site is in
    use.
    """
    table = Observation._meta.db_table
    rows = iter(rows)
    left_over = [first] if (first := next(rows, None)) is not None else []
    if not left_over:
        return 0
    defaults = _defaults(timezone.now())
    total = 0
    with transaction.atomic():
        transaction.on_commit(data_changed)
        if connection.vendor != "postgresql":
            return _insert(rows, left_over=left_over, defaults=defaults, batch_size=batch_size)
        with connection.cursor() as cursor:
            # While a tidy-up builds indexes, setting them aside would wait for it, and it for this
            # transaction (a deadlock): the load is then an ordinary one.
            large = large and large_load.hold_off_tidy_up(cursor)
            set_aside = large_load.set_aside(cursor, table) if large else None
            keys = set_aside.keys if set_aside is not None else []
            referenced: dict[str, set] = {key.column: set() for key in keys if key.column in COLUMNS}
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper, for COPY
            while left_over:  # one COPY per shape of rows, usually one
                pending, left_over = left_over, []
                layout = _Layout(pending[0], defaults)
                full = _full_rows(
                    chain(pending, rows), layout, check_text=False, referenced=referenced, left_over=left_over
                )
                columns = ", ".join(connection.ops.quote_name(c) for c in layout.columns)
                try:
                    with raw.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
                        copy.set_types(_postgres_types(layout.columns))
                        write = copy.write_row
                        for row in full:
                            write(row)
                            total += 1
                except psycopg.errors.DataError as error:  # text too long or with a NUL
                    raise ValueError(str(error).splitlines()[0]) from error
            if set_aside is not None:
                large_load.restore(cursor, table, set_aside, referenced=referenced)
            if large or total >= ANALYZE_AFTER_ROWS:
                _analyze(cursor)
                # Once committed: the indexes a large load set aside, and VACUUM after any big load.
                enqueue_on_commit(tidy_up_after_large_load, fallback=large_load.tidy_up)
    return total


def _insert(rows: Iterator[dict], *, left_over: list[dict], defaults: dict, batch_size: int | None) -> int:
    """Batched INSERTs (databases without COPY), one statement per shape of rows."""
    total = 0
    size = batch_size or settings.MONITORING_BULK_BATCH_SIZE
    with connection.cursor() as cursor:
        while left_over:
            pending, left_over = left_over, []
            layout = _Layout(pending[0], defaults)
            full = _full_rows(chain(pending, rows), layout, left_over=left_over)
            columns = ", ".join(connection.ops.quote_name(c) for c in layout.columns)
            placeholders = ", ".join(["%s"] * len(layout.columns))
            sql = f"INSERT INTO {Observation._meta.db_table} ({columns}) VALUES ({placeholders})"
            while batch := list(islice(full, size)):
                cursor.executemany(sql, [_adapt(r) for r in batch])
                total += len(batch)
        if total >= ANALYZE_AFTER_ROWS:
            _analyze(cursor)
    return total


def _analyze(cursor) -> None:
    """Refresh the planner's statistics of the observations and of the small tables the statistics
    join them with: without them (autovacuum may never analyse a table of a hundred rows) the planner
    guesses, and a province-wide aggregation took three times as long as it needs to. On
    PostgreSQL only the observations' columns the site filters, joins and groups on are analysed
    (half the time of all of them); autovacuum, or the tidy-up after a large load, does the rest."""
    for model in (Observation, Taxon, Deployment, Structure):
        table = connection.ops.quote_name(model._meta.db_table)
        if model is Observation and connection.vendor == "postgresql":
            table += f" ({', '.join(connection.ops.quote_name(c) for c in PLANNED_COLUMNS)})"
        cursor.execute(f"ANALYZE {table}")


def _adapt(row: tuple) -> tuple:
    """Datetimes as the backend stores them (SQLite keeps UTC text), JSON as text."""
    return tuple(
        connection.ops.adapt_datetimefield_value(v)
        if isinstance(v, datetime)
        else json.dumps(v)
        if isinstance(v, dict | list)
        else v
        for v in row
    )
