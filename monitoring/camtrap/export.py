"""Camtrap DP 1.0.2 data packages: export a selection.

Only camera-trap deployments go into a package; fykes, track plates and visual counts have no
media, so their records are in the Darwin Core Archive only (the package's description says so).
"""

import csv
import io
import json
import uuid
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Exists, Max, Min, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from ..models import Deployment, Media, Observation, Structure, Taxon

VERSION = "1.0.2"
BASE_URL = f"https://raw.githubusercontent.com/tdwg/camtrap-dp/{VERSION}"
PROFILE_URL = f"{BASE_URL}/camtrap-dp-profile.json"
SCHEMA_DIR = Path(settings.BASE_DIR) / "fixtures" / "monitoring" / "camtrap-dp-1.0.2"
TABLES = ("deployments", "media", "observations")

FEATURE_TYPES: dict[str, str] = {
    Structure.Type.FAUNA_TUNNEL: "roadUnderpass",
    Structure.Type.AMPHIBIAN_TUNNEL: "roadUnderpass",
    Structure.Type.ROAD_UNDERPASS: "roadUnderpass",
    Structure.Type.ECODUCT: "roadOverpass",
    Structure.Type.CULVERT_LEDGE: "culvert",
    Structure.Type.ECOPIPE: "culvert",
    Structure.Type.OTHER: "",
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


def media_url(media: Media) -> str:
    """The address of a stored picture through the view that checks who may see it."""
    return settings.SITE_URL + reverse("monitoring:media-file", kwargs={"pk": media.pk})


def _media_path(media: Media) -> str:
    if media.file_path:
        return media.file_path
    if media.file:
        return media_url(media)
    return ""


def _deployment_row(dep: Deployment) -> dict:
    s = dep.structure
    settings_: dict[str, Any] = dep.camera_settings or {}
    return {
        "deploymentID": dep.code,
        "locationID": s.external_id or s.slug,
        "locationName": s.name,
        "latitude": round(s.latitude, 6),
        "longitude": round(s.longitude, 6),
        "coordinateUncertainty": settings.MONITORING_COORDINATE_UNCERTAINTY_M,
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
        "eventID": obs.event_id,
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
        entry: dict[str, Any] = {"scientificName": t.scientific_name}
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
    statuses: Sequence[str],
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
        f"Camera-trap monitoring of fauna passages by {settings.MONITORING_PUBLISHER}. "
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
            {"title": settings.MONITORING_PUBLISHER, "role": "publisher"},
            {"title": settings.MONITORING_PUBLISHER, "role": "rightsHolder"},
        ],
        "licenses": [
            {"name": settings.MONITORING_DATA_LICENSE, "scope": "data"},
            {"name": settings.MONITORING_DATA_LICENSE, "scope": "media"},
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
