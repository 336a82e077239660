"""Darwin Core Archive (occurrence core with meta.xml and eml.xml), ready for GBIF.

All methods go in: camera traps as MachineObservation, fykes, track plates and visual counts
as HumanObservation. Only animal records are occurrences (no blanks, people or vehicles).
"""

import csv
import io
import uuid
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .camtrap.export import media_url
from .models import Deployment, Observation, Taxon
from .statistics import each_sighting_once

DWC = "http://rs.tdwg.org/dwc/terms/"
DC = "http://purl.org/dc/terms/"
TERMS = [
    ("occurrenceID", DWC),
    ("basisOfRecord", DWC),
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


def _iso(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def occurrence_rows(observations: QuerySet[Observation]):
    """One occurrence per sighting: an event classified as a whole and per picture counts once."""
    qs = (
        each_sighting_once(observations.filter(taxon__kind=Taxon.Kind.ANIMAL))
        .select_related("taxon", "deployment__structure", "media")
        .order_by("timestamp", "pk")
    )
    for obs in qs.iterator(chunk_size=5000):
        dep, structure, taxon = obs.deployment, obs.deployment.structure, obs.taxon
        date = _iso(obs.timestamp)
        if obs.event_end and obs.event_end > obs.timestamp:
            date = f"{date}/{_iso(obs.event_end)}"
        remarks = "; ".join(x for x in (DIRECTIONS.get(obs.direction), OUTCOMES.get(obs.outcome)) if x)
        media = ""
        if obs.media_id and obs.media is not None:
            media = obs.media.file_path or (media_url(obs.media) if obs.media.file else "")
        yield {
            "occurrenceID": f"urn:antwerpen:monitoring:occ:{obs.external_id or obs.pk}",
            "basisOfRecord": "MachineObservation"
            if dep.method == Deployment.Method.CAMERA
            else "HumanObservation",
            "eventID": f"urn:antwerpen:monitoring:dep:{dep.code}",
            "parentEventID": f"urn:antwerpen:monitoring:structure:{structure.slug}",
            "eventDate": date,
            "samplingProtocol": PROTOCOLS[dep.method],
            "samplingEffort": f"{_iso(dep.start)}/{_iso(dep.end)}",
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
            "stateProvince": "Antwerpen",
            "countryCode": "BE",
            "decimalLatitude": f"{structure.latitude:.6f}",
            "decimalLongitude": f"{structure.longitude:.6f}",
            "geodeticDatum": "WGS84",
            "coordinateUncertaintyInMeters": settings.MONITORING_COORDINATE_UNCERTAINTY_M,
            "occurrenceRemarks": remarks,
            "license": settings.MONITORING_DATA_LICENSE,
            "rightsHolder": settings.MONITORING_PUBLISHER,
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


def eml_xml(*, title: str) -> str:
    today = timezone.localdate().isoformat()
    publisher = escape(settings.MONITORING_PUBLISHER)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<eml:eml xmlns:eml="https://eml.ecoinformatics.org/eml-2.2.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="https://eml.ecoinformatics.org/eml-2.2.0 https://rs.gbif.org/schema/eml-gbif-profile/1.2/eml.xsd"
         packageId="{uuid.uuid4()}" system="http://gbif.org" xml:lang="en">
  <dataset>
    <title xml:lang="en">{escape(title)}</title>
    <creator><organizationName>{publisher}</organizationName></creator>
    <metadataProvider><organizationName>{publisher}</organizationName></metadataProvider>
    <pubDate>{today}</pubDate>
    <language>en</language>
    <abstract><para>Occurrences from the monitoring of fauna passages and other defragmentation measures
      in the province of Antwerp (Belgium) with camera traps, fykes, track plates and visual counts.
      Camera-trap records are MachineObservation, the others HumanObservation.</para></abstract>
    <intellectualRights><para>{escape(settings.MONITORING_DATA_LICENSE)}</para></intellectualRights>
    <coverage><geographicCoverage><geographicDescription>Province of Antwerp, Belgium</geographicDescription>
      <boundingCoordinates><westBoundingCoordinate>4.1</westBoundingCoordinate>
      <eastBoundingCoordinate>5.3</eastBoundingCoordinate><northBoundingCoordinate>51.5</northBoundingCoordinate>
      <southBoundingCoordinate>50.9</southBoundingCoordinate></boundingCoordinates></geographicCoverage></coverage>
    <contact><organizationName>{publisher}</organizationName></contact>
  </dataset>
</eml:eml>
"""


def _clean(value) -> str:
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def build_archive(*, observations: QuerySet[Observation], title: str = "") -> bytes:
    """The zip file: occurrence.txt (tab separated), meta.xml and eml.xml."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
    names = [name for name, _ in TERMS]
    writer.writerow(names)
    for row in occurrence_rows(observations):
        writer.writerow([_clean(row[n]) for n in names])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("occurrence.txt", out.getvalue())
        zf.writestr("meta.xml", meta_xml())
        zf.writestr("eml.xml", eml_xml(title=title or "Fauna passage monitoring, province of Antwerp"))
    return buffer.getvalue()
