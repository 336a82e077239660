"""Fast loading of many observations: COPY on PostgreSQL, batched inserts elsewhere.

Rows bypass model validation, so callers pass checked values (the CSV check, an import).
"""

from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from . import conf
from .models import Observation
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
)


def _full_rows(rows: Iterable[dict], now: datetime) -> Iterator[tuple]:
    defaults = {
        "count": 1,
        "direction": Observation.Direction.UNKNOWN,
        "outcome": Observation.Outcome.UNKNOWN,
        "life_stage": "",
        "sex": "",
        "behaviour": "",
        "level": Observation.Level.EVENT,
        "event_id": "",
        "identified_by": "",
        "created_by_id": None,
        "created_at": now,
        "review_status": Observation.Status.TO_CHECK,
        "external_id": "",
        "comments": "",
    }
    for row in rows:
        merged = defaults | row
        yield tuple(merged[c] for c in COLUMNS)


def load_observations(*, rows: Iterable[dict], batch_size: int | None = None) -> int:
    """Insert observation rows (dicts with deployment_id, taxon_id, timestamp...); returns the count."""
    now = timezone.now()
    table = Observation._meta.db_table
    full = _full_rows(rows, now)
    total = 0
    with transaction.atomic():
        transaction.on_commit(data_changed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
                columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
                with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in full:
                        copy.write_row(row)
                        total += 1
            return total
        size = batch_size or conf.BULK_BATCH_SIZE
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            while batch := list(islice(full, size)):
                cursor.executemany(sql, [_adapt(r) for r in batch])
                total += len(batch)
    return total


def _adapt(row: tuple) -> tuple:
    """Datetimes as the backend stores them (SQLite keeps UTC text)."""
    return tuple(connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v for v in row)
