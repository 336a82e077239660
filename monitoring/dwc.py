"""Darwin Core Archive (occurrence core with meta.xml and eml.xml), ready for GBIF.

All methods go in: camera traps as MachineObservation, fykes, track plates and visual counts
as HumanObservation. Only animal records are occurrences (no blanks, people or vehicles).
"""

import csv
import io
import math
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from .camtrap.export import HIDDEN_MEDIA_KINDS, media_url
from .models import Deployment, Observation, Taxon
from .provenance import (
    LICENSES,
    Provenance,
    license_id,
    license_url,
    most_restrictive,
    portal_provenance,
    provenance_by_deployment,
)
from .statistics import each_sighting_once, effort_by_deployment, trap_nights

DWC = "http://rs.tdwg.org/dwc/terms/"
DC = "http://purl.org/dc/terms/"
TERMS = [
    ("occurrenceID", DWC),
    ("basisOfRecord", DWC),
    ("datasetID", DWC),
    ("datasetName", DWC),
    ("eventID", DWC),
    ("parentEventID", DWC),
    ("eventDate", DWC),
    ("samplingProtocol", DWC),
    ("samplingEffort", DWC),
    ("scientificName", DWC),
    ("vernacularName", DWC),
    ("taxonRank", DWC),
    ("kingdom", DWC),
    ("class", DWC),
    ("individualCount", DWC),
    ("occurrenceStatus", DWC),
    ("lifeStage", DWC),
    ("sex", DWC),
    ("behavior", DWC),
    ("identifiedBy", DWC),
    ("identificationVerificationStatus", DWC),
    ("associatedMedia", DWC),
    ("locationID", DWC),
    ("locality", DWC),
    ("stateProvince", DWC),
    ("countryCode", DWC),
    ("decimalLatitude", DWC),
    ("decimalLongitude", DWC),
    ("geodeticDatum", DWC),
    ("coordinateUncertaintyInMeters", DWC),
    ("occurrenceRemarks", DWC),
    ("license", DC),
    ("rightsHolder", DC),
    ("bibliographicCitation", DC),
    ("modified", DC),
]
PROTOCOLS: dict[str, str] = {
    Deployment.Method.CAMERA: "camera trap",
    Deployment.Method.FYKE: "fyke",
    Deployment.Method.TRACK_PLATE: "track plate",
    Deployment.Method.VISUAL: "visual count",
}
DIRECTIONS = {"a_to_b": "moving from side A to side B", "b_to_a": "moving from side B to side A"}
OUTCOMES = {"crossing": "full crossing of the passage", "turned_back": "approached and turned back"}


EML_NAMESPACE = "https://eml.ecoinformatics.org/eml-2.2.0"
EML_PROFILE = "https://rs.gbif.org/schema/eml-gbif-profile/1.3/eml.xsd"
# Where there are no data: the province of Antwerp.
PROVINCE_BOX = (4.1, 5.3, 51.5, 50.9)


def _iso(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def sampling_effort(nights: float | None) -> str:
    """An effort as GBIF expects it: how much sampling, e.g. "31.5 trap-nights"; "" where the
    portal does not know it (visual counts: see ``statistics.effort_by_deployment``)."""
    if nights is None:
        return ""
    return f"{nights:.1f} trap-nights"


def occurrence_rows(
    observations: QuerySet[Observation],
    *,
    effort: dict[int, float | None] | None = None,
    provenance: dict[int, Provenance] | None = None,
) -> Iterator[dict]:
    """One occurrence per sighting: an event classified as a whole and per picture counts once.

    ``effort`` gives the trap-nights of each deployment (``statistics.effort_by_deployment``: None for
    a visual count), ``provenance`` the licence and rights holder of its records (both computed from
    the deployments when left out): imported records keep their package's, the portal's own carry
    the province's.
    """
    hidden = Observation.objects.filter(media=OuterRef("media_id"), taxon__kind__in=HIDDEN_MEDIA_KINDS)
    qs = (
        each_sighting_once(observations.filter(taxon__kind=Taxon.Kind.ANIMAL))
        .select_related("taxon", "deployment__structure", "media")
        .annotate(media_hidden=Exists(hidden))
        .order_by("timestamp", "pk")
    )
    if effort is None:
        effort = effort_by_deployment(
            deployments=Deployment.objects.filter(pk__in=observations.values("deployment_id"))
        )
    if provenance is None:
        provenance = provenance_by_deployment(deployment_ids=observations.values("deployment_id"))
    portal = portal_provenance()
    for obs in qs.iterator(chunk_size=5000):
        dep, structure, taxon = obs.deployment, obs.deployment.structure, obs.taxon
        date = _iso(obs.timestamp)
        if obs.event_end and obs.event_end > obs.timestamp:
            date = f"{date}/{_iso(obs.event_end)}"
        remarks = "; ".join(x for x in (DIRECTIONS.get(obs.direction), OUTCOMES.get(obs.outcome)) if x)
        media = ""
        # Only pictures the public may see: public files that show no person or vehicle.
        if obs.media_id and obs.media is not None and obs.media.file_public and not obs.media_hidden:
            media = obs.media.file_path or (media_url(obs.media) if obs.media.file else "")
        # The province's regions cover it entirely: a place in none of them is outside it.
        in_province = structure.region_id is not None
        source = provenance.get(dep.pk) or portal
        yield {
            "occurrenceID": f"urn:antwerpen:monitoring:occ:{obs.external_id or obs.pk}",
            "basisOfRecord": "MachineObservation"
            if dep.method == Deployment.Method.CAMERA
            else "HumanObservation",
            "datasetID": source.dataset_id,
            "datasetName": source.dataset_name,
            "eventID": f"urn:antwerpen:monitoring:dep:{dep.code}",
            "parentEventID": f"urn:antwerpen:monitoring:structure:{structure.slug}",
            "eventDate": date,
            "samplingProtocol": PROTOCOLS[dep.method],
            "samplingEffort": sampling_effort(effort.get(dep.pk)),
            "scientificName": taxon.scientific_name,
            "vernacularName": taxon.name_nl,
            "taxonRank": taxon.rank,
            "kingdom": "Animalia",
            "class": taxon.taxon_class,
            "individualCount": obs.count or "",
            "occurrenceStatus": "present",
            "lifeStage": obs.life_stage,
            "sex": obs.sex,
            "behavior": obs.behaviour,
            "identifiedBy": obs.identified_by,
            "identificationVerificationStatus": obs.review_status,
            "associatedMedia": media,
            "locationID": structure.slug,
            "locality": f"{structure.name} ({structure.get_structure_type_display()})",
            "stateProvince": "Antwerpen" if in_province else "",
            "countryCode": "BE" if in_province else "",
            "decimalLatitude": f"{structure.latitude:.6f}",
            "decimalLongitude": f"{structure.longitude:.6f}",
            "geodeticDatum": "WGS84",
            "coordinateUncertaintyInMeters": dep.coordinate_uncertainty_m
            or settings.MONITORING_COORDINATE_UNCERTAINTY_M,
            "occurrenceRemarks": remarks,
            "license": license_url(source.license),
            "rightsHolder": source.rights_holder,
            "bibliographicCitation": source.citation,
            "modified": _iso(obs.reviewed_at or obs.created_at),
        }


def meta_xml() -> str:
    fields = "\n".join(f'    <field index="{i}" term="{ns}{name}"/>' for i, (name, ns) in enumerate(TERMS))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<archive xmlns="http://rs.tdwg.org/dwc/text/" metadata="eml.xml">
  <core encoding="UTF-8" fieldsTerminatedBy="\\t" linesTerminatedBy="\\n" fieldsEnclosedBy=""
        ignoreHeaderLines="1" rowType="http://rs.tdwg.org/dwc/terms/Occurrence">
    <files><location>occurrence.txt</location></files>
    <id index="0"/>
{fields}
  </core>
</archive>
"""


def _rights(licenses: set[str], holders: set[str]) -> str:
    """The archive's licence: the records' one, or when they mix licences, the most restrictive of
    them (what GBIF applies to the dataset) with every licence named; each record's ``license``
    gives its own. The rights holders of the records are named."""
    names = {license_id(name) for name in licenses if name}
    unlicensed = ""
    if "" in licenses:
        # Imported records whose package gives no data licence: never given the province's.
        unlicensed = (
            " Some records come without a licence from their source (their license field is empty):"
            " ask their rights holder before reusing them."
        )
        if not names:
            return f"<para>No licence is known for these records.{unlicensed}</para>"
    names = names or {settings.MONITORING_DATA_LICENSE}
    strictest = most_restrictive(names)
    mixed = unlicensed
    if len(names) > 1:
        listed = ", ".join(sorted(names, key=lambda n: (n != strictest, n)))
        mixed = (
            f" The records come under different licences ({escape(listed)}); each record's license"
            " field gives its own, and the archive as a whole is under the most restrictive of them."
        )
    if holders:
        label = "Rights holders" if len(holders) > 1 else "Rights holder"
        mixed += f" {label}: {escape('; '.join(sorted(holders)))}; each record's rightsHolder gives its own."
    known = LICENSES.get(strictest)
    if not known:
        return f"<para>{escape(strictest)}.{mixed}</para>"
    url, title = known
    return (
        f'<para>This work is licensed under a <ulink url="{escape(url)}">'
        f"<citetitle>{escape(title)}</citetitle></ulink>.{mixed}</para>"
    )


def eml_xml(
    *,
    title: str,
    box: tuple[float, float, float, float] | None = None,
    period: tuple[date, date] | None = None,
    trap_nights: float = 0.0,
    deployments: int = 0,
    visual_counts: int = 0,
    licenses: set[str] | None = None,
    holders: set[str] | None = None,
) -> str:
    """The dataset's metadata after the GBIF Metadata Profile 1.3.

    ``box`` is (west, east, north, south) of the exported coordinates, ``period`` their first and
    last day; ``trap_nights`` the effort of the ``deployments`` with traps the records come from
    (the ``visual_counts`` have no known effort); ``licenses`` those of the records (the portal's
    when left out), ``holders`` their rights holders (other than the publisher: associated parties).
    """
    today = timezone.localdate().isoformat()
    owners = "".join(
        f"    <associatedParty><organizationName>{escape(name)}</organizationName><role>owner</role>"
        "</associatedParty>\n"
        for name in sorted(holders or set())
        if name != settings.MONITORING_PUBLISHER
    )
    publisher = escape(settings.MONITORING_PUBLISHER)
    west, east, north, south = box or PROVINCE_BOX
    temporal = ""
    if period:
        temporal = (
            "<temporalCoverage><rangeOfDates>"
            f"<beginDate><calendarDate>{period[0].isoformat()}</calendarDate></beginDate>"
            f"<endDate><calendarDate>{period[1].isoformat()}</calendarDate></endDate>"
            "</rangeOfDates></temporalCoverage>"
        )
    effort = f"{trap_nights:.1f} trap-nights"
    visual_note = (
        f" {visual_counts} visual counts are not in this total: the portal does not record their visits"
        " or the time spent counting, so their records have no samplingEffort."
        if visual_counts
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<eml:eml xmlns:eml="{EML_NAMESPACE}"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="{EML_NAMESPACE} {EML_PROFILE}"
         packageId="{uuid.uuid4()}" system="http://gbif.org" scope="system" xml:lang="en">
  <dataset>
    <title xml:lang="en">{escape(title)}</title>
    <creator><organizationName>{publisher}</organizationName></creator>
    <metadataProvider><organizationName>{publisher}</organizationName></metadataProvider>
{owners}    <pubDate>{today}</pubDate>
    <language>en</language>
    <abstract><para>Occurrences from the monitoring of fauna passages and other defragmentation measures
      in the province of Antwerp (Belgium) with camera traps, fykes, track plates and visual counts.
      Camera-trap records are MachineObservation, the others HumanObservation.</para></abstract>
    <intellectualRights>{_rights(licenses or set(), holders or set())}</intellectualRights>
    <coverage><geographicCoverage><geographicDescription>Fauna passages monitored by {publisher}, in the
      province of Antwerp (Belgium) and, for imported data, around it</geographicDescription>
      <boundingCoordinates><westBoundingCoordinate>{west:.6f}</westBoundingCoordinate>
      <eastBoundingCoordinate>{east:.6f}</eastBoundingCoordinate>
      <northBoundingCoordinate>{north:.6f}</northBoundingCoordinate>
      <southBoundingCoordinate>{south:.6f}</southBoundingCoordinate></boundingCoordinates>
      </geographicCoverage>{temporal}</coverage>
    <contact><organizationName>{publisher}</organizationName></contact>
    <methods>
      <methodStep><description><para>Camera traps, fykes, track plates and visual counts at the entrances
        of and inside fauna passages; records are reviewed by the province's ecologists and only confirmed
        records are published.</para></description></methodStep>
      <sampling>
        <studyExtent><description><para>{deployments} deployments with camera traps, fykes or track
          plates, {effort} in total (the time each deployment ran, minus its failure
          periods).{visual_note}</para></description></studyExtent>
        <samplingDescription><para>Sampling effort: {effort}. Each record's samplingEffort gives the
          trap-nights of its deployment.</para></samplingDescription>
      </sampling>
    </methods>
  </dataset>
</eml:eml>
"""


def _clean(value) -> str:
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def build_archive(
    *,
    observations: QuerySet[Observation],
    title: str = "",
    deployments: QuerySet[Deployment] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> bytes:
    """The zip file of ``write_archive`` as bytes (small selections: the downloads stream theirs)."""
    buffer = io.BytesIO()
    write_archive(
        buffer, observations=observations, title=title, deployments=deployments, start=start, end=end
    )
    return buffer.getvalue()


def write_archive(
    fileobj: IO[bytes],
    *,
    observations: QuerySet[Observation],
    title: str = "",
    deployments: QuerySet[Deployment] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> None:
    """Write the zip file into ``fileobj``: occurrence.txt (tab separated, row by row into the zip),
    meta.xml and eml.xml.

    The effort counts the ``deployments`` of the selection within ``start``-``end`` (the
    deployments of the observations when left out).
    """
    if deployments is None:
        deployments = Deployment.objects.filter(pk__in=observations.values("deployment_id"))
    effort = effort_by_deployment(deployments=deployments, start=start, end=end)
    provenance = provenance_by_deployment(deployment_ids=observations.values("deployment_id"))
    licenses: set[str] = set()
    holders: set[str] = set()
    names = [name for name, _ in TERMS]
    # Only the extent of the records is kept while they are written, not the records.
    west, east, north, south = math.inf, -math.inf, -math.inf, math.inf
    first, last = date.max, date.min
    with zipfile.ZipFile(fileobj, "w", zipfile.ZIP_DEFLATED) as zf:
        with io.TextIOWrapper(zf.open("occurrence.txt", "w"), encoding="utf-8", newline="") as out:
            writer = csv.writer(
                out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None
            )
            writer.writerow(names)
            for row in occurrence_rows(observations, effort=effort, provenance=provenance):
                writer.writerow([_clean(row[n]) for n in names])
                licenses.add(row["license"])
                holders.update(h for h in row["rightsHolder"].split(" | ") if h)
                lon, lat = float(row["decimalLongitude"]), float(row["decimalLatitude"])
                day = date.fromisoformat(row["eventDate"][:10])
                west, east, north, south = min(west, lon), max(east, lon), max(north, lat), min(south, lat)
                first, last = min(first, day), max(last, day)
        box = (west, east, north, south) if first <= last else None
        period = (first, last) if first <= last else None
        traps = [pk for pk, nights in effort.items() if nights is not None]
        eml = eml_xml(
            title=title or "Fauna passage monitoring, province of Antwerp",
            box=box,
            period=period,
            trap_nights=trap_nights(effort),
            deployments=len(traps),
            visual_counts=len(effort) - len(traps),
            licenses=licenses,
            holders=holders,
        )
        zf.writestr("meta.xml", meta_xml())
        zf.writestr("eml.xml", eml)
