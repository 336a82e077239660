"""Import a Camtrap DP 1.0.2 data package (a folder or a zip file) into structures, deployments,
media and observations. Importing the same package again replaces what it imported before.
"""

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone, translation
from django.utils.text import slugify

from .. import bulk
from ..models import CamtrapPackage, Deployment, Media, Observation, Structure, Taxon
from ..services import save_structure
from ..statistics import data_changed
from .export import KEPT, TABLES, table_schema

STRUCTURE_TYPES = {
    "roadUnderpass": Structure.Type.ROAD_UNDERPASS,
    "roadOverpass": Structure.Type.ECODUCT,
    "culvert": Structure.Type.CULVERT_LEDGE,
}


class PackageError(ValueError):
    """The package cannot be imported; the message says why."""


# The Camtrap DP column (or datapackage.json member) each text field the import writes is read from.
# Each value is checked with its model field's validators before anything is stored (the bulk
# inserts skip the model's validation): a value longer than its column, or a line break in a
# one-line field (``validate_one_line``), is refused naming the table, the line, the record and the
# column, and nothing of the package is saved. No value is cut short.
COLUMNS: dict[type[models.Model], dict[str, str]] = {
    CamtrapPackage: {"package_id": "id", "title": "title"},
    Structure: {"external_id": "locationID", "name": "locationName"},
    Deployment: {
        "code": "deploymentID",
        "setup_by": "setupBy",
        "camera_id": "cameraID",
        "camera_model": "cameraModel",
    },
    Media: {
        "external_id": "mediaID",
        "capture_method": "captureMethod",
        "file_path": "filePath",
        "file_name": "fileName",
        "mediatype": "fileMediatype",
    },
    Observation: {
        "external_id": "observationID",
        "event_id": "eventID",
        "level": "observationLevel",
        "life_stage": "lifeStage",
        "sex": "sex",
        "behaviour": "behavior",
        "identified_by": "classifiedBy",
    },
    Taxon: {
        "scientific_name": "scientificName",
        "name_nl": "vernacularNames.nld",
        "name_en": "vernacularNames.eng",
        "taxon_id": "taxonID",
        "taxon_class": "class",
    },
}


def _check_texts(instance: models.Model, *, where: str, fields: tuple[str, ...] = ()) -> None:
    """Refuse a value the instance's text fields would not hold as given (see ``COLUMNS``)."""
    columns = COLUMNS[type(instance)]
    for name in fields or columns:
        field = instance._meta.get_field(name)
        assert isinstance(field, models.CharField)  # COLUMNS names text fields only
        try:
            field.run_validators(getattr(instance, name))
        except ValidationError as error:
            with translation.override("en"):  # the rest of the import's messages are English too
                reason = " ".join(error.messages)
            raise PackageError(f"{where}: {columns[name]}: {reason}") from None


@cache
def _vocabularies(table: str) -> dict[str, tuple[str, ...]]:
    """The columns of a table whose values the standard limits to a list (an ``enum`` in the
    official table schema), each with its list. Read from the schema, the one source: where a column
    goes to a model field, the field's choices are the same list (tests/monitoring/test_camtrap.py)."""
    return {
        field["name"]: tuple(field["constraints"]["enum"])
        for field in table_schema(table)["fields"]
        if "enum" in field.get("constraints", {})
    }


def _check_choice(value: str | None, allowed: Sequence[str], *, where: str, column: str) -> None:
    """Refuse a value outside the standard's vocabulary: stored, an export would write it back and
    the package would not validate. An empty value (None) is for the caller to allow or default."""
    if value is not None and value not in allowed:
        choices = ", ".join(allowed)
        raise PackageError(
            f"{where}: {column}: Value {value!r} is not a valid choice (Camtrap DP allows {choices})."
        )


def _check_choices(row: dict, *, table: str, where: str) -> None:
    """Check every column of the row that has a vocabulary (see ``_vocabularies``)."""
    for column, allowed in _vocabularies(table).items():
        _check_choice(row.get(column), allowed, where=where, column=column)


def read_package(source: str | Path) -> dict[str, str]:
    """The texts of datapackage.json and the three tables, from a folder or a zip file."""
    source = Path(source)
    names = ["datapackage.json", *(f"{t}.csv" for t in TABLES)]
    files = {}
    if source.is_dir():
        for name in names:
            path = source / name
            if not path.exists():
                raise PackageError(f"{name} is missing from {source}")
            files[name] = path.read_text(encoding="utf-8-sig")
        return files
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            members = {Path(m).name: m for m in zf.namelist()}
            for name in names:
                if name not in members:
                    raise PackageError(f"{name} is missing from {source}")
                files[name] = zf.read(members[name]).decode("utf-8-sig")
        return files
    raise PackageError(f"{source} is neither a folder nor a zip file")


def _rows(text: str) -> list[tuple[int, dict]]:
    """Each row with the line it starts on (a quoted value may run over several lines)."""
    missing = {"", "NA", "NaN", "nan"}
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        breaks = sum(v.count("\n") for v in row.values() if isinstance(v, str))
        rows.append((reader.line_num - breaks, {k: (None if v in missing else v) for k, v in row.items()}))
    return rows


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _required_dt(row: dict[str, str], column: str) -> datetime:
    """A date-time the package must give (a deployment's start and end, a record's timestamp)."""
    parsed = _dt(row[column])
    if parsed is None:
        raise PackageError(f"{column} is empty")
    return parsed


def _choice(value: str | None, choices: list[str]) -> str:
    """The tag's value when it is one of the choices, else "" (the caller's default)."""
    return value if value is not None and value in choices else ""


def _tags(value: str | None) -> dict[str, str]:
    tags = {}
    for part in (value or "").split("|"):
        key, sep, val = part.strip().partition(":")
        if sep:
            tags[key.strip()] = val.strip()
    return tags


TRUE_VALUES = {"true", "True", "TRUE", "1"}


def _kept(row: dict, table: str) -> dict[str, str]:
    """The row's Camtrap DP fields the portal has no column for, as read (empty ones too, so an
    export does not fill in the portal's own value where the package had none)."""
    return {name: row.get(name) or "" for name in KEPT[table] if name in row}


def _own_place(row: dict, structure: Structure) -> dict[str, str]:
    """The deployment's own place where it differs from the structure it was put at (a location
    already known under its ID): kept, so the deployment is exported where the package had it."""
    own = {}
    for name, value in (("latitude", structure.latitude), ("longitude", structure.longitude)):
        if row.get(name) and round(float(row[name]), 6) != round(value, 6):
            own[name] = row[name]
    if row.get("locationName") and row["locationName"] != structure.name:
        own["locationName"] = row["locationName"]
    return own


def _as_row(observation: Observation) -> dict:
    """A checked observation as the bulk loader takes it."""
    values = {column: getattr(observation, column) for column in bulk.COLUMNS[:-1]}
    # A field the import left to the database's default holds DatabaseDefault: left out here too.
    return {column: value for column, value in values.items() if not isinstance(value, DatabaseDefault)}


def _package_record(package: dict) -> CamtrapPackage:
    """The imported package's metadata; importing the same package (same id) again updates them."""
    package_id = str(package.get("id") or "")
    title = str(package.get("title") or "")
    _check_texts(CamtrapPackage(package_id=package_id, title=title), where="datapackage.json")
    if package_id:
        record, _ = CamtrapPackage.objects.update_or_create(
            package_id=package_id, defaults={"title": title, "descriptor": package}
        )
        return record
    return CamtrapPackage.objects.create(title=title, descriptor=package)


def _taxon_for(row: dict, vernacular: dict[str, dict], cache: dict[str, Taxon], *, where: str) -> Taxon:
    kind = row.get("observationType") or Taxon.Kind.UNCLASSIFIED
    name = row.get("scientificName")
    if kind == Taxon.Kind.HUMAN:
        name = name or "Homo sapiens"
    elif kind != Taxon.Kind.ANIMAL or not name:
        name = kind if kind in Taxon.Kind.values and kind != Taxon.Kind.ANIMAL else Taxon.Kind.UNKNOWN
    if name not in cache:
        info = vernacular.get(name, {})
        names = info.get("vernacularNames", {})
        defaults = {
            "name_nl": names.get("nld") or name,
            "name_en": names.get("eng") or name,
            "rank": info.get("taxonRank", "") if info.get("taxonRank") in Taxon.Rank.values else "",
            "taxon_id": info.get("taxonID", ""),
            "taxon_class": info.get("class", ""),
            "kind": kind if kind in Taxon.Kind.values else Taxon.Kind.UNKNOWN,
        }
        candidate = Taxon(scientific_name=name, **defaults)
        _check_texts(candidate, where=where, fields=("scientific_name",))
        taxon = Taxon.objects.filter(scientific_name=name).first()
        if taxon is None:  # a new taxon: what the package says about it is stored as given
            _check_texts(candidate, where=f"datapackage.json, taxonomic {name}")
            taxon, _ = Taxon.objects.get_or_create(scientific_name=name, defaults=defaults)
        cache[name] = taxon
    return cache[name]


def _free_slug(base: str) -> str:
    """A structure slug made of ``base``, numbered ("-2", "-3"...) when another structure has it
    already: two locations of one name whose IDs start alike each get their own."""
    max_length = Structure._meta.get_field("slug").max_length or 80
    candidate, number = base[:max_length].strip("-") or "location", 1
    while Structure.objects.filter(slug=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].strip("-") + suffix
    return candidate


def _structure_for(row: dict, *, where: str) -> Structure:
    location_id = row.get("locationID") or row["deploymentID"]
    tags = _tags(row.get("deploymentTags"))
    structure = (
        Structure.objects.filter(external_id=location_id).first()
        or Structure.objects.filter(slug=location_id).first()
    )
    if structure:
        return structure
    name = row.get("locationName") or location_id
    base = slugify(name)[:60] or "location"
    slug = _free_slug(f"{base}-{slugify(location_id)[:15]}")
    structure_type = tags.get("structureType")
    if structure_type not in Structure.Type.values:
        structure_type = STRUCTURE_TYPES.get(row.get("featureType") or "", Structure.Type.OTHER)
    structure = Structure(
        slug=slug,  # made by the portal from the name and ID, not stored as given
        name=name,
        structure_type=structure_type,
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        crosses=Structure.Crosses.OTHER,
        description=row.get("habitat") or "",
        external_id=location_id,
    )
    _check_texts(structure, where=where)
    return save_structure(structure=structure)


@transaction.atomic
def import_package(*, files: dict[str, str]) -> dict[str, int]:
    """Import deployments, media and observations; importing the same package again replaces them."""
    try:
        package = json.loads(files["datapackage.json"])
    except json.JSONDecodeError as exc:
        raise PackageError(f"datapackage.json is not valid JSON: {exc}") from exc
    taxonomic = package.get("taxonomic", []) if isinstance(package, dict) else None
    if not isinstance(taxonomic, list) or not all(isinstance(t, dict) for t in taxonomic):
        raise PackageError(
            "datapackage.json is not a Camtrap DP descriptor: it must be an object whose taxonomic"
            " member is a list of objects"
        )
    transaction.on_commit(data_changed)
    vernacular = {t["scientificName"]: t for t in taxonomic if t.get("scientificName")}
    for name, entry in vernacular.items():  # kept with the package: an export gives the entry back
        where = f"datapackage.json, taxonomic {name}"
        _check_choice(entry.get("taxonRank"), Taxon.Rank.values, where=where, column="taxonRank")
    deployments: dict[str, Deployment] = {}
    record = _package_record(package)
    try:
        for line, row in _rows(files["deployments.csv"]):
            where = f"deployments.csv line {line}, deployment {row['deploymentID']}"
            _check_choices(row, table="deployments", where=where)
            tags = _tags(row.get("deploymentTags"))
            settings_ = {
                k: float(row[k]) if "." in row[k] else int(row[k])
                for k in ("cameraDelay", "cameraTilt", "cameraHeading", "detectionDistance")
                if row.get(k)
            }
            values = {
                "structure": (structure := _structure_for(row, where=where)),
                "method": Deployment.Method.CAMERA,
                "position": _choice(tags.get("position"), Deployment.Position.values)
                or Deployment.Position.UNKNOWN,
                "start": _required_dt(row, "deploymentStart"),
                "end": _required_dt(row, "deploymentEnd"),
                "setup_by": row.get("setupBy") or "",
                "camera_id": row.get("cameraID") or "",
                "camera_model": row.get("cameraModel") or "",
                "camera_height_m": row.get("cameraHeight") or None,
                "camera_settings": settings_,
                "comments": row.get("deploymentComments") or "",
                "coordinate_uncertainty_m": int(row["coordinateUncertainty"])
                if row.get("coordinateUncertainty")
                else None,
                "camtrap_package": record,
                "camtrap_fields": (_kept(row, "deployments") | _own_place(row, structure)) or None,
            }
            _check_texts(Deployment(code=row["deploymentID"], **values), where=where)
            dep, _ = Deployment.objects.update_or_create(code=row["deploymentID"], defaults=values)
            dep.media.all().delete()
            dep.observations.all().delete()
            deployments[row["deploymentID"]] = dep
        media_objs = []
        for line, row in _rows(files["media.csv"]):
            where = f"media.csv line {line}, media {row['mediaID']}"
            _check_choices(row, table="media", where=where)
            media = Media(
                deployment=deployments[row["deploymentID"]],
                external_id=row["mediaID"],
                timestamp=_required_dt(row, "timestamp"),
                file_path=row["filePath"],
                file_name=row.get("fileName") or "",
                mediatype=row.get("fileMediatype") or "image/jpeg",
                capture_method=row.get("captureMethod") or Media.CaptureMethod.ACTIVITY,
                file_public=row.get("filePublic") in TRUE_VALUES,
                camtrap_fields=_kept(row, "media") or None,
            )
            _check_texts(media, where=where)
            media_objs.append(media)
        Media.objects.bulk_create(media_objs, batch_size=1000)
        media_by_id = {m.external_id: m for m in media_objs}
        taxa: dict[str, Taxon] = {}
        obs_objs = []
        for line, row in _rows(files["observations.csv"]):
            where = f"observations.csv line {line}, observation {row['observationID']}"
            _check_choices(row, table="observations", where=where)
            tags = _tags(row.get("observationTags"))
            status = tags.get("reviewStatus")
            observation = Observation(
                deployment=deployments[row["deploymentID"]],
                taxon=_taxon_for(row, vernacular, taxa, where=where),
                timestamp=_required_dt(row, "eventStart"),
                event_end=_dt(row.get("eventEnd")),
                count=int(row["count"]) if row.get("count") else None,
                life_stage=row.get("lifeStage") or "",
                sex=row.get("sex") or "",
                behaviour=row.get("behavior") or "",
                media=media_by_id.get(row.get("mediaID") or ""),
                level=row.get("observationLevel") or Observation.Level.EVENT,
                event_id=row.get("eventID") or "",
                identified_by=row.get("classifiedBy") or "",
                external_id=row["observationID"],
                direction=_choice(tags.get("direction"), Observation.Direction.values)
                or Observation.Direction.UNKNOWN,
                outcome=_choice(tags.get("outcome"), Observation.Outcome.values)
                or Observation.Outcome.UNKNOWN,
                review_status=status if status in Observation.Status.values else Observation.Status.CONFIRMED,
                comments=row.get("observationComments") or "",
                camtrap_fields=_kept(row, "observations") or None,
            )
            _check_texts(observation, where=where)
            obs_objs.append(observation)
        rows = [_as_row(observation) for observation in obs_objs]
        bulk.load_observations(rows=rows, large=bulk.is_large(len(rows)))
    except PackageError:
        raise  # says what is wrong already
    except KeyError as exc:
        raise PackageError(f"a row refers to a missing column or deployment: {exc}") from exc
    except (TypeError, ValueError) as exc:
        raise PackageError(f"a value cannot be read: {exc}") from exc
    return {"deployments": len(deployments), "media": len(media_objs), "observations": len(obs_objs)}
