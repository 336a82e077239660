"""Bulk CSV upload of observations for one deployment: check every row, save only a clean file."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from portal.dates import validate_moment
from portal.hostile import is_unsafe

from .models import MAX_COUNT, RECORDED_FIELDS, Deployment, Observation
from .selectors import taxon_index

WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")  # ASCII digits only: "²" and "٣" are digits to Python
# No column needs more; the csv module's own limit (128 KiB) is process-wide and others may raise it.
FIELD_MAX_CHARS = 10_000
REQUIRED_COLUMNS = ("timestamp", "species")
OPTIONAL_COLUMNS = tuple(name for name in RECORDED_FIELDS if name not in ("taxon", "timestamp"))
# The columns stored as the text they give (who identified it, the comments), each checked with its
# model field's validators (the column's length; one line for a name, ``validate_one_line``) here,
# because the bulk loader stores the rows without the model's validation: a value that does not fit
# is a row error naming its column, never cut short.
_FIELDS = {field.name: field for field in Observation._meta.concrete_fields}
TEXT_COLUMNS = tuple(
    name
    for name in OPTIONAL_COLUMNS
    if isinstance(_FIELDS[name], models.CharField | models.TextField) and not _FIELDS[name].choices
)
DIRECTION_ALIASES = {
    "ab": "a_to_b",
    "a-b": "a_to_b",
    "a>b": "a_to_b",
    "ba": "b_to_a",
    "b-a": "b_to_a",
    "b>a": "b_to_a",
}


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class CsvCheck:
    rows: list[dict]
    errors: list[RowError]
    # Lines whose observation is stored already (or given earlier in the file): skipped, not saved twice.
    duplicate_lines: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def preview(self, limit: int = 200) -> list[dict]:
        """The first rows with the labels of their choices in the active language, for the preview."""
        return [
            {
                **row,
                "direction_label": Observation.Direction(row["direction"]).label,
                "outcome_label": Observation.Outcome(row["outcome"]).label,
            }
            for row in self.rows[:limit]
        ]


# What makes two observations of a deployment the same record: the moment, the species, the count and
# what was seen (direction, outcome, life stage, sex). Who identified it and the comments are not
# part of it, so a file uploaded again with a comment corrected is still recognised.
IDENTITY_FIELDS = ("timestamp", "taxon_id", "count", "direction", "outcome", "life_stage", "sex")


def row_identity(row: dict) -> tuple:
    """The identity of a checked CSV row (``taxon`` is a Taxon) or of a stored observation's values."""
    taxon_id = row["taxon"].pk if "taxon" in row else row["taxon_id"]
    return (
        row["timestamp"],
        taxon_id,
        row["count"],
        row["direction"],
        row["outcome"],
        row["life_stage"],
        row["sex"],
    )


def stored_identities(*, deployment: Deployment, rows: list[dict]) -> set[tuple]:
    """The identities of the observations already stored at the deployment in the rows' time span."""
    if not rows:
        return set()
    times = [row["timestamp"] for row in rows]
    stored = Observation.objects.filter(
        deployment=deployment, timestamp__gte=min(times), timestamp__lte=max(times)
    ).values(*IDENTITY_FIELDS)
    return {row_identity(values) for values in stored}


def drop_duplicates(*, deployment: Deployment, rows: list[dict]) -> tuple[list[dict], list[int]]:
    """The rows that are new, and the lines of those stored already or repeated within the file."""
    seen = stored_identities(deployment=deployment, rows=rows)
    new, duplicate_lines = [], []
    for row in rows:
        identity = row_identity(row)
        if identity in seen:
            duplicate_lines.append(row["line"])
        else:
            seen.add(identity)
            new.append(row)
    return new, duplicate_lines


def decode_upload(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheets on Windows save it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _parse_time(value: str) -> tuple[datetime | None, str]:
    """The moment of a CSV time, or None and why not: not a date and time, or outside the range
    every date and offset of the portal keeps to (``portal.dates.validate_moment``)."""
    value = value.strip().replace("/", "-")
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        return None, _("the time %(value)r is not a date and time like 2025-05-01 22:15") % {"value": value}
    try:
        validate_moment(parsed)
    except ValidationError as error:
        return None, "timestamp: " + " ".join(error.messages)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed, ""


def _choice(value: str, choices, aliases: dict | None = None) -> str | None:
    key = value.strip().casefold().replace(" ", "_")
    if not key:
        return ""
    key = (aliases or {}).get(key, key)
    valid = {c.casefold(): c for c in choices.values}
    labels = {str(label).casefold().replace(" ", "_"): c for c, label in choices.choices}
    return valid.get(key) or labels.get(key)


def _check_row(row: dict, *, deployment: Deployment, taxa: dict) -> tuple[dict | None, list[str]]:
    texts = [v for v in row.values() if isinstance(v, str)] + list(row.get(None) or [])
    if any(is_unsafe(v) for v in texts):
        return None, [_("the line contains a null character")]
    if any(len(v) > FIELD_MAX_CHARS for v in texts):
        return None, [_("a field is longer than %(max)s characters") % {"max": FIELD_MAX_CHARS}]
    problems = []
    if row.get(None):  # csv.DictReader's key for the values beyond the header's columns
        problems.append(
            _("the line has more values than the header has columns (%(count)s extra)")
            % {"count": len(row[None])}
        )
    timestamp, time_problem = _parse_time(row.get("timestamp") or "")
    if timestamp is None:
        problems.append(time_problem)
    elif not deployment.start <= timestamp <= deployment.end:
        problems.append(
            _("the time is outside the deployment (%(start)s – %(end)s)")
            % {
                "start": timezone.localtime(deployment.start).strftime("%Y-%m-%d %H:%M"),
                "end": timezone.localtime(deployment.end).strftime("%Y-%m-%d %H:%M"),
            }
        )
    species = (row.get("species") or "").strip()
    taxon = taxa.get(species.casefold())
    if taxon is None:
        problems.append(
            _("unknown species %(value)r") % {"value": species} if species else _("the species is missing")
        )
    count_text = (row.get("count") or "").strip() or "1"
    count = int(count_text) if WHOLE_NUMBER.fullmatch(count_text) else None
    if count is None or not 0 < count <= MAX_COUNT:
        problems.append(
            _("the count %(value)r is not a whole number from 1 to %(max)s")
            % {"value": count_text, "max": MAX_COUNT}
        )
        count = None
    values = {}
    for name, choices, aliases, default in (
        ("direction", Observation.Direction, DIRECTION_ALIASES, Observation.Direction.UNKNOWN),
        ("outcome", Observation.Outcome, None, Observation.Outcome.UNKNOWN),
        ("life_stage", Observation.LifeStage, None, ""),
        ("sex", Observation.Sex, None, ""),
    ):
        raw = row.get(name) or ""
        value = _choice(raw, choices, aliases)
        if value is None:
            allowed = ", ".join(choices.values)
            problems.append(
                _("%(field)s %(value)r is not one of: %(allowed)s")
                % {"field": name, "value": raw, "allowed": allowed}
            )
        values[name] = value or default
    given = {name: (row.get(name) or "").strip() for name in TEXT_COLUMNS}
    for name, text in given.items():
        try:
            _FIELDS[name].run_validators(text)
        except ValidationError as error:
            problems.append(f"{name}: " + " ".join(error.messages))
    if problems:
        return None, problems
    return {
        "timestamp": timestamp,
        "taxon": taxon,
        "count": count,
        **given,
        **values,
    }, []


def _lines(reader: csv.DictReader) -> Iterator[tuple[int, dict | None]]:
    """Each record with the line it starts on (a quoted value may run over several lines); a record
    the csv module cannot read (a field over its 128 KiB limit, a quote never closed) ends the file
    with ``None``."""
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield reader.line_num, None
            return
        texts = [v for v in raw.values() if isinstance(v, str)] + list(raw.get(None) or [])
        yield reader.line_num - sum(text.count("\n") for text in texts), raw


def check_csv(*, text: str, deployment: Deployment) -> CsvCheck:
    """Parse the whole file and report every bad row with its reason; nothing is saved here."""
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().casefold() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return CsvCheck(
            rows=[], errors=[RowError(1, _("missing columns: %(cols)s") % {"cols": ", ".join(missing)})]
        )
    reader.fieldnames = header
    taxa = taxon_index()
    rows, errors = [], []
    for line, raw in _lines(reader):
        if raw is None:
            errors.append(
                RowError(line, _("this line cannot be read: a field is too long or a quote is open"))
            )
            break
        values = [v for v in raw.values() if isinstance(v, str)] + list(raw.get(None) or [])
        if not any(v.strip() for v in values):
            continue
        parsed, problems = _check_row(raw, deployment=deployment, taxa=taxa)
        if problems:
            errors.append(RowError(line, "; ".join(problems)))
        else:
            rows.append({**(parsed or {}), "line": line})
    rows, duplicate_lines = drop_duplicates(deployment=deployment, rows=rows)
    if not rows and not errors:
        if duplicate_lines:
            errors.append(RowError(1, _("every observation in the file is stored already")))
        else:
            errors.append(RowError(1, _("the file has no observations")))
    return CsvCheck(rows=rows, errors=errors, duplicate_lines=duplicate_lines)
