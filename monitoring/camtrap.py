"""Camtrap DP 1.0.2 data packages: export a selection and import a package.

Only camera-trap deployments go into a package; fykes, track plates and visual counts have no
media, so their records are in the Darwin Core Archive only (the package's description says so).
"""

import csv
import io
import json
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, Min, OuterRef, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from . import conf
from .models import Deployment, Media, Observation, Structure, Taxon
from .statistics import data_changed

VERSION = "1.0.2"
BASE_URL = f"https://raw.githubusercontent.com/tdwg/camtrap-dp/{VERSION}"
PROFILE_URL = f"{BASE_URL}/camtrap-dp-profile.json"
SCHEMA_DIR = Path(settings.BASE_DIR) / "fixtures" / "monitoring" / "camtrap-dp-1.0.2"
TABLES = ("deployments", "media", "observations")

FEATURE_TYPES = {
    Structure.Type.FAUNA_TUNNEL: "roadUnderpass",
    Structure.Type.AMPHIBIAN_TUNNEL: "roadUnderpass",
    Structure.Type.ROAD_UNDERPASS: "roadUnderpass",
    Structure.Type.ECODUCT: "roadOverpass",
    Structure.Type.CULVERT_LEDGE: "culvert",
    Structure.Type.ECOPIPE: "culvert",
    Structure.Type.OTHER: "",
}
STRUCTURE_TYPES = {
    "roadUnderpass": Structure.Type.ROAD_UNDERPASS,
    "roadOverpass": Structure.Type.ECODUCT,
    "culvert": Structure.Type.CULVERT_LEDGE,
}
HIDDEN_MEDIA_KINDS = (Taxon.Kind.HUMAN, Taxon.Kind.VEHICLE)


def table_schema(name: str) -> dict:
    """The official table schema shipped in fixtures/monitoring/camtrap-dp-1.0.2/."""
    return json.loads((SCHEMA_DIR / f"{name}-table-schema.json").read_text(encoding="utf-8"))


def _columns(name: str) -> list[str]:
    return [f["name"] for f in table_schema(name)["fields"]]


def _ts(value: datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _csv(name: str, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_columns(name), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return out.getvalue()


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _media_path(media: Media) -> str:
    if media.file_path:
        return media.file_path
    if media.file:
        return f"{settings.SITE_URL}{media.file.url}"
    return ""


def _deployment_row(dep: Deployment) -> dict:
    s = dep.structure
    settings_ = dep.camera_settings or {}
    return {
        "deploymentID": dep.code,
        "locationID": s.external_id or s.slug,
        "locationName": s.name,
        "latitude": round(s.latitude, 6),
        "longitude": round(s.longitude, 6),
        "coordinateUncertainty": conf.COORDINATE_UNCERTAINTY_M,
        "deploymentStart": _ts(dep.start),
        "deploymentEnd": _ts(dep.end),
        "setupBy": dep.setup_by,
        "cameraID": dep.camera_id,
        "cameraModel": dep.camera_model,
        "cameraDelay": settings_.get("cameraDelay", ""),
        "cameraHeight": dep.camera_height_m if dep.camera_height_m is not None else "",
        "cameraTilt": settings_.get("cameraTilt", ""),
        "cameraHeading": settings_.get("cameraHeading", ""),
        "detectionDistance": settings_.get("detectionDistance", ""),
        "timestampIssues": _bool(False),
        "baitUse": _bool(False),
        "featureType": FEATURE_TYPES.get(s.structure_type, ""),
        "habitat": s.get_structure_type_display() if s.structure_type != Structure.Type.OTHER else "",
        "deploymentGroups": f"structure:{s.slug}",
        "deploymentTags": f"method:{dep.method} | position:{dep.position} | structureType:{s.structure_type}",
        "deploymentComments": dep.comments.replace("\n", " "),
    }


def _observation_row(obs: Observation, media_ids: dict[int, str]) -> dict:
    kind = obs.taxon.kind
    media_id = media_ids.get(obs.media_id, "") if obs.media_id else ""
    level = Observation.Level.MEDIA if media_id else Observation.Level.EVENT
    tags = f"direction:{obs.direction} | outcome:{obs.outcome} | reviewStatus:{obs.review_status}"
    return {
        "observationID": obs.external_id or f"obs-{obs.pk}",
        "deploymentID": obs.deployment.code,
        "mediaID": media_id,
        "eventStart": _ts(obs.timestamp),
        "eventEnd": _ts(obs.event_end or obs.timestamp),
        "observationLevel": level,
        "observationType": kind,
        "scientificName": obs.taxon.scientific_name if kind in (Taxon.Kind.ANIMAL, Taxon.Kind.HUMAN) else "",
        "count": obs.count if kind not in (Taxon.Kind.BLANK,) and obs.count else "",
        "lifeStage": obs.life_stage,
        "sex": obs.sex,
        "behavior": obs.behaviour,
        "classificationMethod": "human" if obs.identified_by else "",
        "classifiedBy": obs.identified_by,
        "classificationTimestamp": _ts(obs.reviewed_at),
        "observationTags": tags,
        "observationComments": obs.comments.replace("\n", " "),
    }


def _taxonomic(observations: QuerySet[Observation]) -> list[dict]:
    taxa = Taxon.objects.filter(
        pk__in=observations.filter(taxon__kind__in=[Taxon.Kind.ANIMAL, Taxon.Kind.HUMAN]).values("taxon_id")
    ).order_by("scientific_name")
    result = []
    for t in taxa:
        entry = {"scientificName": t.scientific_name}
        if t.taxon_id:
            entry["taxonID"] = t.taxon_id
        if t.rank:
            entry["taxonRank"] = t.rank
        if t.taxon_class:
            entry["class"] = t.taxon_class
        entry["vernacularNames"] = {"nld": t.name_nl, "eng": t.name_en}
        result.append(entry)
    return result


def _spatial(deployments: QuerySet[Deployment]) -> dict:
    box = deployments.aggregate(
        w=Min("structure__longitude"),
        e=Max("structure__longitude"),
        s=Min("structure__latitude"),
        n=Max("structure__latitude"),
    )
    if box["w"] is None:
        return {"type": "Point", "coordinates": [4.75, 51.2]}
    w, e, s, n = (round(box[k], 6) for k in ("w", "e", "s", "n"))
    if (w, s) == (e, n):
        return {"type": "Point", "coordinates": [w, s]}
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def build_package(
    *,
    deployments: QuerySet[Deployment],
    statuses: list[str],
    start: datetime | None = None,
    end: datetime | None = None,
    title: str = "",
) -> dict[str, str]:
    """The package's files (name -> text) for the camera deployments of the selection."""
    cameras = (
        deployments.filter(method=Deployment.Method.CAMERA)
        .select_related("structure")
        .order_by("start", "pk")
    )
    observations = Observation.objects.filter(deployment__in=cameras, review_status__in=statuses)
    if start:
        observations = observations.filter(timestamp__gte=start)
    if end:
        observations = observations.filter(timestamp__lt=end)
    observations = observations.select_related("taxon", "deployment").order_by("timestamp", "pk")
    hidden = Observation.objects.filter(media=OuterRef("pk"), taxon__kind__in=HIDDEN_MEDIA_KINDS)
    media = (
        Media.objects.filter(pk__in=observations.exclude(media=None).values("media_id"))
        .select_related("deployment")
        .annotate(hidden=Exists(hidden))
        .order_by("timestamp", "pk")
    )
    media_rows, media_ids = [], {}
    for m in media:
        path = _media_path(m)
        if not path:
            continue
        media_ids[m.pk] = m.external_id or f"media-{m.pk}"
        media_rows.append(
            {
                "mediaID": media_ids[m.pk],
                "deploymentID": m.deployment.code,
                "captureMethod": m.capture_method,
                "timestamp": _ts(m.timestamp),
                "filePath": path,
                "filePublic": _bool(not m.hidden),
                "fileName": m.file_name,
                "fileMediatype": m.mediatype
                if m.mediatype.split("/")[0] in ("image", "video", "audio")
                else "image/jpeg",
            }
        )
    deployment_rows = [_deployment_row(d) for d in cameras]
    observation_rows = [_observation_row(o, media_ids) for o in observations.iterator(chunk_size=5000)]
    others = Observation.objects.filter(deployment__in=deployments, review_status__in=statuses).exclude(
        deployment__method=Deployment.Method.CAMERA
    )
    if start:
        others = others.filter(timestamp__gte=start)
    if end:
        others = others.filter(timestamp__lt=end)
    span = cameras.aggregate(first=Min("start"), last=Max("end"))
    first, last = start or span["first"] or timezone.now(), end or span["last"] or timezone.now()
    description = (
        f"Camera-trap monitoring of fauna passages by {conf.PUBLISHER}. "
        f"This package holds {len(deployment_rows)} camera deployments "
        f"and {len(observation_rows)} observations. "
    )
    other_count = others.count()
    description += (
        f"{other_count} records from methods without media (fykes, track plates, visual counts) are not in "
        "this package: they are in the Darwin Core Archive export of the same selection."
        if other_count
        else "Records from methods without media (fykes, track plates, visual counts) are never in a "
        "Camtrap DP package: they are in the Darwin Core Archive export."
    )
    capture_methods = sorted({r["captureMethod"] for r in media_rows}) or ["activityDetection"]
    levels = sorted({r["observationLevel"] for r in observation_rows}) or ["event"]
    package = {
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": f"{BASE_URL}/{name}-table-schema.json",
            }
            for name in TABLES
        ],
        "profile": PROFILE_URL,
        "name": slugify(title or "fauna-passage-monitoring")[:80] or "fauna-passage-monitoring",
        "id": str(uuid.uuid4()),
        "created": timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "title": title or "Fauna passage monitoring, province of Antwerp",
        "description": description,
        "version": "1.0",
        "contributors": [
            {"title": conf.PUBLISHER, "role": "publisher"},
            {"title": conf.PUBLISHER, "role": "rightsHolder"},
        ],
        "licenses": [
            {"name": conf.DATA_LICENSE, "scope": "data"},
            {"name": conf.DATA_LICENSE, "scope": "media"},
        ],
        "project": {
            "title": "Monitoring of defragmentation measures",
            "description": "Wildlife cameras, fykes and track plates at fauna passages, province of Antwerp.",
            "samplingDesign": "targeted",
            "captureMethod": capture_methods,
            "individualAnimals": False,
            "observationLevel": levels,
        },
        "coordinatePrecision": 0.000001,
        "spatial": _spatial(cameras),
        "temporal": {
            "start": timezone.localtime(first).date().isoformat(),
            "end": timezone.localtime(last).date().isoformat(),
        },
        "taxonomic": _taxonomic(observations),
    }
    return {
        "datapackage.json": json.dumps(package, indent=2, ensure_ascii=False),
        "deployments.csv": _csv("deployments", deployment_rows),
        "media.csv": _csv("media", media_rows),
        "observations.csv": _csv("observations", observation_rows),
    }


def zip_files(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()


# ---- import -------------------------------------------------------------------------------------


class PackageError(ValueError):
    """The package cannot be imported; the message says why."""


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


def _rows(text: str) -> list[dict]:
    missing = {"", "NA", "NaN", "nan"}
    return [
        {k: (None if v in missing else v) for k, v in row.items()}
        for row in csv.DictReader(io.StringIO(text))
    ]


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _tags(value: str | None) -> dict[str, str]:
    tags = {}
    for part in (value or "").split("|"):
        key, sep, val = part.strip().partition(":")
        if sep:
            tags[key.strip()] = val.strip()
    return tags


def _taxon_for(row: dict, vernacular: dict[str, dict], cache: dict[str, Taxon]) -> Taxon:
    kind = row.get("observationType") or Taxon.Kind.UNCLASSIFIED
    name = row.get("scientificName")
    if kind == Taxon.Kind.HUMAN:
        name = name or "Homo sapiens"
    elif kind != Taxon.Kind.ANIMAL or not name:
        name = kind if kind in Taxon.Kind.values and kind != Taxon.Kind.ANIMAL else Taxon.Kind.UNKNOWN
    if name not in cache:
        info = vernacular.get(name, {})
        names = info.get("vernacularNames", {})
        cache[name], _ = Taxon.objects.get_or_create(
            scientific_name=name,
            defaults={
                "name_nl": names.get("nld") or name,
                "name_en": names.get("eng") or name,
                "rank": info.get("taxonRank", "") if info.get("taxonRank") in Taxon.Rank.values else "",
                "taxon_id": info.get("taxonID", ""),
                "taxon_class": info.get("class", ""),
                "kind": kind if kind in Taxon.Kind.values else Taxon.Kind.UNKNOWN,
            },
        )
    return cache[name]


def _structure_for(row: dict) -> Structure:
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
    slug = f"{base}-{slugify(location_id)[:15]}"
    structure_type = tags.get("structureType")
    if structure_type not in Structure.Type.values:
        structure_type = STRUCTURE_TYPES.get(row.get("featureType") or "", Structure.Type.OTHER)
    structure = Structure(
        slug=slug[:80],
        name=name[:150],
        structure_type=structure_type,
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        crosses=Structure.Crosses.OTHER,
        description=row.get("habitat") or "",
        external_id=location_id,
    )
    structure.save()
    return structure


@transaction.atomic
def import_package(*, files: dict[str, str]) -> dict[str, int]:
    """Import deployments, media and observations; importing the same package again replaces them."""
    try:
        package = json.loads(files["datapackage.json"])
    except json.JSONDecodeError as exc:
        raise PackageError(f"datapackage.json is not valid JSON: {exc}") from exc
    transaction.on_commit(data_changed)
    vernacular = {t["scientificName"]: t for t in package.get("taxonomic", []) if t.get("scientificName")}
    deployments: dict[str, Deployment] = {}
    try:
        for row in _rows(files["deployments.csv"]):
            tags = _tags(row.get("deploymentTags"))
            settings_ = {
                k: float(row[k]) if "." in row[k] else int(row[k])
                for k in ("cameraDelay", "cameraTilt", "cameraHeading", "detectionDistance")
                if row.get(k)
            }
            dep, _ = Deployment.objects.update_or_create(
                code=row["deploymentID"],
                defaults={
                    "structure": _structure_for(row),
                    "method": Deployment.Method.CAMERA,
                    "position": tags.get("position")
                    if tags.get("position") in Deployment.Position.values
                    else Deployment.Position.UNKNOWN,
                    "start": _dt(row["deploymentStart"]),
                    "end": _dt(row["deploymentEnd"]),
                    "setup_by": (row.get("setupBy") or "")[:150],
                    "camera_id": row.get("cameraID") or "",
                    "camera_model": row.get("cameraModel") or "",
                    "camera_height_m": row.get("cameraHeight") or None,
                    "camera_settings": settings_,
                    "comments": row.get("deploymentComments") or "",
                },
            )
            dep.media.all().delete()
            dep.observations.all().delete()
            deployments[row["deploymentID"]] = dep
        media_objs = []
        for row in _rows(files["media.csv"]):
            media_objs.append(
                Media(
                    deployment=deployments[row["deploymentID"]],
                    external_id=row["mediaID"],
                    timestamp=_dt(row["timestamp"]),
                    file_path=row["filePath"],
                    file_name=row.get("fileName") or "",
                    mediatype=row.get("fileMediatype") or "image/jpeg",
                    capture_method=row.get("captureMethod") or Media.CaptureMethod.ACTIVITY,
                )
            )
        Media.objects.bulk_create(media_objs, batch_size=1000)
        media_by_id = {m.external_id: m for m in media_objs}
        taxa: dict[str, Taxon] = {}
        obs_objs = []
        for row in _rows(files["observations.csv"]):
            tags = _tags(row.get("observationTags"))
            status = tags.get("reviewStatus")
            obs_objs.append(
                Observation(
                    deployment=deployments[row["deploymentID"]],
                    taxon=_taxon_for(row, vernacular, taxa),
                    timestamp=_dt(row["eventStart"]),
                    event_end=_dt(row.get("eventEnd")),
                    count=int(row["count"]) if row.get("count") else None,
                    life_stage=row.get("lifeStage") or "",
                    sex=row.get("sex") or "",
                    behaviour=(row.get("behavior") or "")[:200],
                    media=media_by_id.get(row.get("mediaID") or ""),
                    level=row.get("observationLevel") or Observation.Level.EVENT,
                    identified_by=(row.get("classifiedBy") or "")[:150],
                    external_id=row["observationID"],
                    direction=tags.get("direction")
                    if tags.get("direction") in Observation.Direction.values
                    else Observation.Direction.UNKNOWN,
                    outcome=tags.get("outcome")
                    if tags.get("outcome") in Observation.Outcome.values
                    else Observation.Outcome.UNKNOWN,
                    review_status=status
                    if status in Observation.Status.values
                    else Observation.Status.CONFIRMED,
                    comments=row.get("observationComments") or "",
                )
            )
        Observation.objects.bulk_create(obs_objs, batch_size=1000)
    except KeyError as exc:
        raise PackageError(f"a row refers to a missing column or deployment: {exc}") from exc
    except (TypeError, ValueError) as exc:
        raise PackageError(f"a value cannot be read: {exc}") from exc
    return {"deployments": len(deployments), "media": len(media_objs), "observations": len(obs_objs)}
