"""The Darwin Core Archive: its files and the fields GBIF needs."""

import csv
import io
import zipfile
from datetime import timedelta
from xml.etree import ElementTree

import pytest

from monitoring import dwc
from monitoring.models import Deployment, Observation
from tests.monitoring.factories import T0, DeploymentFactory, ObservationFactory, StructureFactory, taxon

pytestmark = pytest.mark.django_db


def _occurrences(archive: bytes) -> tuple[list[dict], zipfile.ZipFile]:
    zf = zipfile.ZipFile(io.BytesIO(archive))
    text = zf.read("occurrence.txt").decode()
    return list(csv.DictReader(io.StringIO(text), delimiter="\t")), zf


def test_archive_has_core_meta_and_eml_with_gbif_fields():
    structure = StructureFactory(name="Ecoduct Kempengrens", latitude=51.2, longitude=4.8)
    cam = DeploymentFactory(structure=structure)
    fyke = DeploymentFactory(structure=structure, method=Deployment.Method.FYKE)
    ObservationFactory(deployment=cam, count=2, life_stage="adult", sex="male", identified_by="An Peeters")
    ObservationFactory(deployment=fyke, taxon=taxon("Bufo bufo"), timestamp=T0 + timedelta(hours=2), count=12)
    ObservationFactory(deployment=cam, taxon=taxon("Homo sapiens"))
    ObservationFactory(deployment=cam, taxon=taxon("blank"))

    rows, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))

    assert sorted(zf.namelist()) == ["eml.xml", "meta.xml", "occurrence.txt"]
    assert len(rows) == 2  # no person, no blank
    fox = next(r for r in rows if r["scientificName"] == "Vulpes vulpes")
    toad = next(r for r in rows if r["scientificName"] == "Bufo bufo")
    assert fox["basisOfRecord"] == "MachineObservation" and toad["basisOfRecord"] == "HumanObservation"
    assert fox["eventDate"] == "2025-05-01T22:00:00+02:00"
    assert (fox["decimalLatitude"], fox["decimalLongitude"]) == ("51.200000", "4.800000")
    assert fox["geodeticDatum"] == "WGS84" and fox["countryCode"] == "BE"
    assert int(fox["coordinateUncertaintyInMeters"]) > 0
    assert fox["individualCount"] == "2" and toad["individualCount"] == "12"
    assert fox["samplingProtocol"] == "camera trap" and toad["samplingProtocol"] == "fyke"
    assert fox["identifiedBy"] == "An Peeters" and fox["lifeStage"] == "adult" and fox["sex"] == "male"
    assert len({r["occurrenceID"] for r in rows}) == 2

    meta = ElementTree.fromstring(zf.read("meta.xml"))
    ns = {"d": "http://rs.tdwg.org/dwc/text/"}
    terms = [f.get("term").rsplit("/", 1)[1] for f in meta.findall("d:core/d:field", ns)]
    header = zf.read("occurrence.txt").decode().splitlines()[0].split("\t")
    assert terms == header
    ElementTree.fromstring(zf.read("eml.xml"))  # well-formed


def test_tabs_and_newlines_in_text_do_not_break_the_table():
    ObservationFactory(comments="x", behaviour="walks\tthen\nruns")
    rows, _ = _occurrences(dwc.build_archive(observations=Observation.objects.all()))
    assert rows[0]["behavior"] == "walks then runs"


def test_an_event_classified_as_a_whole_and_per_picture_is_one_occurrence():
    dep = DeploymentFactory()
    whole = ObservationFactory(deployment=dep, level="event", event_id="e1")
    for seconds in (0, 3):
        ObservationFactory(
            deployment=dep, level="media", event_id="e1", timestamp=T0 + timedelta(seconds=seconds)
        )
    rows, _ = _occurrences(dwc.build_archive(observations=Observation.objects.all()))
    assert [r["occurrenceID"] for r in rows] == [f"urn:antwerpen:monitoring:occ:{whole.pk}"]
