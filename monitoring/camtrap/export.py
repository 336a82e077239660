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
from functools import cache
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.db.models import CharField, Exists, F, Func, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from portal.links import site_url

from ..models import CamtrapPackage, Deployment, Media, Observation, Structure, Taxon
from ..provenance import rights_holders, scoped_licenses
from ..statistics import in_period

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


@cache
def table_schema(name: str) -> dict:
    """The official table schema shipped in fixtures/monitoring/camtrap-dp-1.0.2/."""
    return json.loads((SCHEMA_DIR / f"{name}-table-schema.json").read_text(encoding="utf-8"))


@cache
def _columns(name: str) -> list[str]:
    return [f["name"] for f in table_schema(name)["fields"]]


# Camtrap DP fields the portal has no column for (or keeps only in a coarser form): an import keeps
# them as read in ``camtrap_fields`` and an export writes them back unchanged.
KEPT = {
    "deployments": (
        "cameraDepth",
        "timestampIssues",
        "baitUse",
        "featureType",
        "habitat",
        "deploymentGroups",
        "deploymentTags",
    ),
    "media": ("exifData", "favorite", "mediaComments"),
    "observations": (
        "cameraSetupType",
        "individualID",
        "individualPositionRadius",
        "individualPositionAngle",
        "individualSpeed",
        "bboxX",
        "bboxY",
        "bboxWidth",
        "bboxHeight",
        "classificationMethod",
        "classificationTimestamp",
        "classificationProbability",
        "observationTags",
    ),
}
# The package metadata that describe the selection's data and are computed on export.
COMPUTED_METADATA = ("resources", "created", "spatial", "temporal", "taxonomic")


class IsoMoment(Func):
    """A moment as ISO 8601 text in a time zone, to the second, with its offset
    ("2020-05-30T04:57:37+02:00", as Python's ``isoformat(timespec="seconds")``), made by PostgreSQL."""

    output_field = CharField()

    def __init__(self, expression, *, tz: str):
        super().__init__(expression)
        self.tz = tz

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        local = f"(({sql}) AT TIME ZONE %s)"
        minutes = f"(EXTRACT(EPOCH FROM {local} - (({sql}) AT TIME ZONE 'UTC'))::integer / 60)"
        text = (
            f"to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
            f"|| CASE WHEN {minutes} < 0 THEN '-' ELSE '+' END "
            f"|| lpad((abs({minutes}) / 60)::text, 2, '0') "
            f"|| ':' || lpad((abs({minutes}) %% 60)::text, 2, '0')"
        )
        local_params = [*params, self.tz]
        minutes_params = [*local_params, *params]
        return text, (*local_params, *(minutes_params * 3))


def _moment(field: str):
    """The column of a moment for an export: formatted by the database where it can (PostgreSQL),
    else read as a datetime and formatted by ``_stamp``."""
    if connection.vendor == "postgresql":
        return IsoMoment(F(field), tz=timezone.get_current_timezone_name())
    return F(field)


def _kept_text(field: str = "camtrap_fields"):
    """The kept Camtrap DP fields as JSON text (read with ``_kept``), skipping the per-row decoding."""
    return Cast(field, TextField())


def _kept(text: str | None) -> dict | None:
    return json.loads(text) if text else None


def _stamp():
    """A formatter of moments in the portal's time zone, to the second (text from the database as is)."""
    tz = timezone.get_current_timezone()

    def stamp(value: datetime | str | None) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            return value
        return value.astimezone(tz).isoformat(timespec="seconds")

    return stamp


def _ts(value: datetime | None) -> str:
    return _stamp()(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _overlay(row: list, kept: dict | None, index: dict[str, int]) -> list:
    if kept:
        for name, value in kept.items():
            position = index.get(name)
            if position is not None:
                row[position] = value
    return row


def media_url(media: Media) -> str:
    """The address of a stored picture through the view that checks who may see it."""
    return media_url_for(media.pk)


def media_url_for(pk: int) -> str:
    return site_url(reverse("monitoring:media-file", kwargs={"pk": pk}))


def _deployment_row(dep: Deployment, index: dict[str, int]) -> list:
    s = dep.structure
    settings_ = dep.camera_settings or {}
    row = [
        dep.code,
        s.external_id or s.slug,
        s.name,
        round(s.latitude, 6),
        round(s.longitude, 6),
        dep.coordinate_uncertainty_m or settings.MONITORING_COORDINATE_UNCERTAINTY_M,
        _ts(dep.start),
        _ts(dep.end),
        dep.setup_by,
        dep.camera_id,
        dep.camera_model,
        settings_.get("cameraDelay", ""),
        dep.camera_height_m if dep.camera_height_m is not None else "",
        "",
        settings_.get("cameraTilt", ""),
        settings_.get("cameraHeading", ""),
        settings_.get("detectionDistance", ""),
        _bool(False),
        _bool(False),
        FEATURE_TYPES.get(s.structure_type, ""),
        s.get_structure_type_display() if s.structure_type != Structure.Type.OTHER else "",
        f"structure:{s.slug}",
        f"method:{dep.method} | position:{dep.position} | structureType:{s.structure_type}",
        dep.comments.replace("\n", " "),
    ]
    return _overlay(row, dep.camtrap_fields, index)


def _taxonomic(taxa: list[Taxon], known: dict[str, dict]) -> list[dict]:
    """The package's taxon list: an imported package's own entry where there is one."""
    result = []
    for t in sorted(taxa, key=lambda t: t.scientific_name):
        if t.scientific_name in known:
            result.append(known[t.scientific_name])
            continue
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


def _spatial(deployments: list[Deployment]) -> dict:
    if not deployments:
        return {"type": "Point", "coordinates": [4.75, 51.2]}
    lons = [d.structure.longitude for d in deployments]
    lats = [d.structure.latitude for d in deployments]
    w, e, s, n = (round(v, 6) for v in (min(lons), max(lons), min(lats), max(lats)))
    if (w, s) == (e, n):
        return {"type": "Point", "coordinates": [w, s]}
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def _writer(zf: zipfile.ZipFile, name: str):
    """A CSV writer straight into the zip entry ``name`` (closed by the caller through .close())."""
    raw = zf.open(name, "w")
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)
    return text, csv.writer(text, lineterminator="\n")


def _selected_observations(
    *, cameras: QuerySet[Deployment], statuses: Sequence[str], start: datetime | None, end: datetime | None
) -> QuerySet[Observation]:
    observations = Observation.objects.filter(deployment__in=cameras, review_status__in=statuses)
    return in_period(observations, start=start, end=end)


def write_package(
    fileobj: IO[bytes],
    *,
    deployments: QuerySet[Deployment],
    statuses: Sequence[str],
    start: datetime | None = None,
    end: datetime | None = None,
    title: str = "",
) -> None:
    """Write the zipped package of the camera deployments of the selection into ``fileobj``.

    Rows come from ``values_list`` (no model instances) and go straight into the zip entries.
    """
    cameras_qs = deployments.filter(method=Deployment.Method.CAMERA)
    cameras = list(cameras_qs.select_related("structure").order_by("start", "pk"))
    codes = {d.pk: d.code for d in cameras}
    observations = _selected_observations(cameras=cameras_qs, statuses=statuses, start=start, end=end)
    hidden = Observation.objects.filter(media=OuterRef("pk"), taxon__kind__in=HIDDEN_MEDIA_KINDS)
    media = (
        Media.objects.filter(pk__in=observations.exclude(media=None).values("media_id"))
        .annotate(hidden=Exists(hidden), moment=_moment("timestamp"), kept=_kept_text())
        .order_by("timestamp", "pk")
        .values_list(
            "pk",
            "external_id",
            "deployment_id",
            "capture_method",
            "moment",
            "file_path",
            "file",
            "file_public",
            "hidden",
            "file_name",
            "mediatype",
            "kept",
        )
    )
    taxa = {t.pk: t for t in Taxon.objects.all()}
    stamp = _stamp()
    with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_DEFLATED) as zf:
        index = {name: {c: i for i, c in enumerate(_columns(name))} for name in TABLES}
        text, writer = _writer(zf, "deployments.csv")
        writer.writerow(_columns("deployments"))
        writer.writerows(_deployment_row(d, index["deployments"]) for d in cameras)
        text.close()

        text, writer = _writer(zf, "media.csv")
        writer.writerow(_columns("media"))
        media_ids: dict[int, str] = {}
        capture_methods = set()
        m_index = index["media"]
        for pk, ext, dep_id, method, ts, path, file, public, hide, name, mediatype, kept in media.iterator(
            chunk_size=5000
        ):
            path = path or (media_url_for(pk) if file else "")
            if not path:
                continue
            media_ids[pk] = ext or f"media-{pk}"
            capture_methods.add(method)
            row = [
                media_ids[pk],
                codes[dep_id],
                method,
                stamp(ts),
                path,
                _bool(public and not hide),
                name,
                mediatype if mediatype.split("/")[0] in ("image", "video", "audio") else "image/jpeg",
                "",
                "",
                "",
            ]
            writer.writerow(_overlay(row, _kept(kept), m_index))
        text.close()

        text, writer = _writer(zf, "observations.csv")
        writer.writerow(_columns("observations"))
        o_index = index["observations"]
        levels, used_taxa, n_observations = set(), set(), 0
        named = (Taxon.Kind.ANIMAL, Taxon.Kind.HUMAN)
        rows = (
            observations.annotate(
                start_text=_moment("timestamp"),
                end_text=_moment("event_end"),
                reviewed_text=_moment("reviewed_at"),
                kept=_kept_text(),
            )
            .order_by("timestamp", "pk")
            .values_list(
                "pk",
                "external_id",
                "deployment_id",
                "media_id",
                "event_id",
                "start_text",
                "end_text",
                "taxon_id",
                "count",
                "life_stage",
                "sex",
                "behaviour",
                "identified_by",
                "reviewed_text",
                "direction",
                "outcome",
                "review_status",
                "comments",
                "kept",
            )
        )
        for (
            pk,
            ext,
            dep_id,
            media_pk,
            event_id,
            ts,
            event_end,
            taxon_pk,
            count,
            life_stage,
            sex,
            behaviour,
            identified_by,
            reviewed_at,
            direction,
            outcome,
            status,
            comments,
            kept,
        ) in rows.iterator(chunk_size=5000):
            taxon = taxa[taxon_pk]
            kind = taxon.kind
            media_id = media_ids.get(media_pk, "") if media_pk else ""
            level = "media" if media_id else "event"
            levels.add(level)
            if kind in named:
                used_taxa.add(taxon_pk)
            n_observations += 1
            row = [
                ext or f"obs-{pk}",
                codes[dep_id],
                media_id,
                event_id,
                stamp(ts),
                stamp(event_end or ts),
                level,
                kind,
                "",
                taxon.scientific_name if kind in named else "",
                count if count and kind != Taxon.Kind.BLANK else "",
                life_stage,
                sex,
                behaviour,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "human" if identified_by else "",
                identified_by,
                stamp(reviewed_at),
                "",
                f"direction:{direction} | outcome:{outcome} | reviewStatus:{status}",
                comments.replace("\n", " ") if comments else "",
            ]
            writer.writerow(_overlay(row, _kept(kept), o_index))
        text.close()

        descriptor = _descriptor(
            cameras=cameras,
            deployments=deployments,
            statuses=statuses,
            start=start,
            end=end,
            title=title,
            n_observations=n_observations,
            capture_methods=sorted(capture_methods),
            levels=sorted(levels),
            taxa=[taxa[pk] for pk in used_taxa],
        )
        zf.writestr("datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False))


def _descriptor(
    *,
    cameras: list[Deployment],
    deployments: QuerySet[Deployment],
    statuses: Sequence[str],
    start: datetime | None,
    end: datetime | None,
    title: str,
    n_observations: int,
    capture_methods: list[str],
    levels: list[str],
    taxa: list[Taxon],
) -> dict:
    """datapackage.json: an imported package's own metadata when the selection is all from it."""
    package_ids = {d.camtrap_package_id for d in cameras}
    packages = list(CamtrapPackage.objects.filter(pk__in=[pk for pk in package_ids if pk is not None]))
    known = {
        entry["scientificName"]: entry
        for p in packages
        for entry in p.descriptor.get("taxonomic", [])
        if isinstance(entry, dict) and entry.get("scientificName")
    }
    firsts = [d.start for d in cameras]
    lasts = [d.end for d in cameras]
    first = start or (min(firsts) if firsts else timezone.now())
    last = end or (max(lasts) if lasts else timezone.now())
    computed: dict[str, Any] = {
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
        "created": timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "spatial": _spatial(cameras),
        "temporal": {
            "start": timezone.localtime(first).date().isoformat(),
            "end": timezone.localtime(last).date().isoformat(),
        },
        "taxonomic": _taxonomic(taxa, known),
    }
    if len(packages) == 1 and None not in package_ids:
        # Everything comes from one imported package: give its metadata back, with the parts
        # that describe the data computed again and its extra resources (inline data) kept.
        descriptor = dict(packages[0].descriptor)
        extra = [
            r
            for r in descriptor.get("resources", [])
            if isinstance(r, dict) and r.get("name") not in TABLES and "path" not in r
        ]
        computed["resources"] += extra
        descriptor.update(computed)
        return descriptor
    others = in_period(
        Observation.objects.filter(deployment__in=deployments, review_status__in=statuses).exclude(
            deployment__method=Deployment.Method.CAMERA
        ),
        start=start,
        end=end,
    )
    description = (
        f"Camera-trap monitoring of fauna passages, {'exported' if packages else 'recorded'} by "
        f"{settings.MONITORING_PUBLISHER}. "
        f"This package holds {len(cameras)} camera deployments "
        f"and {n_observations} observations. "
    )
    other_count = others.count()
    rights = _mixed_rights(cameras=cameras, packages=packages)
    description += rights["description"]
    description += (
        f"{other_count} records from methods without media (fykes, track plates, visual counts) are not in "
        "this package: they are in the Darwin Core Archive export of the same selection."
        if other_count
        else "Records from methods without media (fykes, track plates, visual counts) are never in a "
        "Camtrap DP package: they are in the Darwin Core Archive export."
    )
    return {
        "resources": computed["resources"],
        "profile": PROFILE_URL,
        "name": slugify(title or "fauna-passage-monitoring")[:80] or "fauna-passage-monitoring",
        "id": str(uuid.uuid4()),
        "created": computed["created"],
        "title": title or "Fauna passage monitoring, province of Antwerp",
        "description": description,
        "version": "1.0",
        "contributors": rights["contributors"],
        "licenses": rights["licenses"],
        **({"sources": rights["sources"]} if rights["sources"] else {}),
        "project": {
            "title": "Monitoring of defragmentation measures",
            "description": "Wildlife cameras, fykes and track plates at fauna passages, province of Antwerp.",
            "samplingDesign": "targeted",
            "captureMethod": capture_methods or ["activityDetection"],
            "individualAnimals": False,
            "observationLevel": levels or ["event"],
        },
        "coordinatePrecision": 0.000001,
        "spatial": computed["spatial"],
        "temporal": computed["temporal"],
        "taxonomic": computed["taxonomic"],
    }


def _deployments(count: int) -> str:
    return "1 deployment" if count == 1 else f"{count} deployments"


def _licence_label(entry: dict) -> str:
    return str(entry.get("name") or entry.get("path"))


def _mixed_rights(*, cameras: list[Deployment], packages: list[CamtrapPackage]) -> dict[str, Any]:
    """Licences, rights holders, sources and a description of whose data are in a package that is not
    one imported package: every imported package keeps its own licences and rights holders, the
    portal's deployments carry the province's (never relabelled as the province's)."""
    publisher = settings.MONITORING_PUBLISHER
    contributors: list[dict] = [{"title": publisher, "role": "publisher"}]
    licenses: list[dict] = []
    sources: list[dict] = []
    parts: list[str] = []
    own = sum(1 for d in cameras if d.camtrap_package_id is None)
    if own or not packages:
        contributors.append({"title": publisher, "role": "rightsHolder"})
        licenses += [
            {"name": settings.MONITORING_DATA_LICENSE, "scope": "data"},
            {"name": settings.MONITORING_DATA_LICENSE, "scope": "media"},
        ]
        if packages:
            parts.append(
                f"{_deployments(own)} recorded in the portal: data under "
                f"{settings.MONITORING_DATA_LICENSE}, rights holder {publisher}."
            )
    for package in packages:
        descriptor = package.descriptor if isinstance(package.descriptor, dict) else {}
        for scope in ("data", "media"):
            for entry in scoped_licenses(descriptor, scope):
                kept = {k: entry[k] for k in ("name", "path", "title") if entry.get(k)} | {"scope": scope}
                if kept not in licenses:
                    licenses.append(kept)
        for contributor in descriptor.get("contributors") or []:
            holder = isinstance(contributor, dict) and contributor.get("role") == "rightsHolder"
            if holder and contributor not in contributors:
                contributors.append(contributor)
        title = package.title or package.package_id or f"package {package.pk}"
        source = {"title": title}
        if descriptor.get("homepage"):
            source["path"] = str(descriptor["homepage"])
        sources.append(source)
        count = sum(1 for d in cameras if d.camtrap_package_id == package.pk)
        data = ", ".join(_licence_label(e) for e in scoped_licenses(descriptor, "data")) or "no licence given"
        holders = ", ".join(rights_holders(descriptor)) or "not given"
        identifier = f" ({package.package_id})" if package.package_id else ""
        parts.append(
            f"{_deployments(count)} from the imported Camtrap DP package \u201c{title}\u201d"
            f"{identifier}: data under {data}, rights holder {holders}."
        )
    description = ""
    if parts:
        description = (
            "The data come from several sources and each keeps its own licence and rights holder: "
            + " ".join(parts)
            + " "
        )
    return {
        "contributors": contributors,
        "licenses": licenses,
        "sources": sources,
        "description": description,
    }


def build_package(
    *,
    deployments: QuerySet[Deployment],
    statuses: Sequence[str],
    start: datetime | None = None,
    end: datetime | None = None,
    title: str = "",
) -> dict[str, str]:
    """The package's files (name -> text) for the camera deployments of the selection."""
    buffer = io.BytesIO()
    write_package(buffer, deployments=deployments, statuses=statuses, start=start, end=end, title=title)
    with zipfile.ZipFile(buffer) as zf:
        names = ("datapackage.json", *(f"{t}.csv" for t in TABLES))
        return {name: zf.read(name).decode("utf-8") for name in names}


def zip_files(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buffer.getvalue()
