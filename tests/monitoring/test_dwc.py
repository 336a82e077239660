"""The Darwin Core Archive: its files and the fields GBIF needs."""

import csv
import io
import zipfile
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings

from monitoring import dwc
from monitoring.models import Deployment, Media, Observation
from tests.monitoring.factories import T0, DeploymentFactory, ObservationFactory, StructureFactory, taxon

pytestmark = pytest.mark.django_db


def _occurrences(archive: bytes) -> tuple[list[dict], zipfile.ZipFile]:
    zf = zipfile.ZipFile(io.BytesIO(archive))
    text = zf.read("occurrence.txt").decode()
    return list(csv.DictReader(io.StringIO(text), delimiter="\t")), zf


def test_archive_has_core_meta_and_eml_with_gbif_fields(regions):
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


PROFILE = Path(settings.BASE_DIR) / "fixtures" / "monitoring" / "eml-gbif-profile-1.3" / "eml.xsd"
EML = "{https://eml.ecoinformatics.org/eml-2.2.0}"


def _eml(zf: zipfile.ZipFile) -> ElementTree.Element:
    return ElementTree.fromstring(zf.read("eml.xml"))


def test_state_province_follows_the_place_and_the_bounding_box_covers_every_record(regions):
    from monitoring import camtrap
    from tests.monitoring.camtrap_validation import EXAMPLE

    # The example's places: one in Hoogstraten (province of Antwerp), three elsewhere in Belgium.
    camtrap.import_package(files=camtrap.read_package(EXAMPLE))
    inside = StructureFactory(name="Tunnel Berchem", latitude=51.1925, longitude=4.4281)
    ObservationFactory(deployment=DeploymentFactory(structure=inside), review_status="confirmed")

    rows, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))

    labels = {r["locality"].split(" (")[0]: r["stateProvince"] for r in rows}
    assert labels == {
        "Tunnel Berchem": "Antwerpen",
        "B_HS_val 2_processiepark": "Antwerpen",
        "B_DL_val 5_beek kleine vijver": "",
        "B_DL_val 3_dikke boom": "",
        "B_DM_val 4_'t WAD": "",
    }

    box = _eml(zf).find("dataset/coverage/geographicCoverage/boundingCoordinates")
    west, east, north, south = (
        float(box.find(f"{side}BoundingCoordinate").text) for side in ("west", "east", "north", "south")
    )
    for r in rows:
        assert west <= float(r["decimalLongitude"]) <= east, r["locationID"]
        assert south <= float(r["decimalLatitude"]) <= north, r["locationID"]


def test_eml_is_valid_against_the_gbif_profile_1_3_with_a_licence_gbif_reads(settings):
    import xmlschema

    settings.MONITORING_DATA_LICENSE = "CC-BY-4.0"
    ObservationFactory(deployment=DeploymentFactory())  # ten days
    _, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))
    text = zf.read("eml.xml").decode()

    xmlschema.XMLSchema(str(PROFILE)).validate(text)  # raises with the reason when invalid
    root = _eml(zf)
    assert root.tag == f"{EML}eml" and root.get("scope") == "system"
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    assert location == [
        "https://eml.ecoinformatics.org/eml-2.2.0",
        "https://rs.gbif.org/schema/eml-gbif-profile/1.3/eml.xsd",
    ]
    link = root.find("dataset/intellectualRights/para/ulink")
    assert link.get("url") == "http://creativecommons.org/licenses/by/4.0/legalcode"
    assert "CC-BY" in link.find("citetitle").text
    assert "10.0 trap-nights" in root.find("dataset/methods/sampling/studyExtent/description/para").text


def test_the_profile_schema_refuses_what_gbif_refuses():
    import xmlschema

    ObservationFactory()
    _, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))
    text = zf.read("eml.xml").decode()
    schema = xmlschema.XMLSchema(str(PROFILE))
    assert schema.is_valid(text)
    assert not schema.is_valid(text.replace(' scope="system"', ""))
    assert not schema.is_valid(text.replace("<citetitle>", "<title>").replace("</citetitle>", "</title>"))
    assert not schema.is_valid(text.replace("<pubDate>", "<published>").replace("</pubDate>", "</published>"))


def test_sampling_effort_is_the_deployments_trap_nights_minus_failures():
    from tests.monitoring.factories import FailureFactory

    dep = DeploymentFactory()  # ten days
    FailureFactory(deployment=dep)  # one day
    ObservationFactory(deployment=dep)
    rows, _ = _occurrences(dwc.build_archive(observations=Observation.objects.all()))
    assert rows[0]["samplingEffort"] == "9.0 trap-nights"


def test_sampling_effort_is_the_methods_own_unit_and_never_invented_hours():
    structure = StructureFactory()
    plate = DeploymentFactory(structure=structure, method=Deployment.Method.TRACK_PLATE)  # ten days
    visual = DeploymentFactory(structure=structure, method=Deployment.Method.VISUAL)  # ten days
    ObservationFactory(deployment=plate, taxon=taxon("Bufo bufo"))
    ObservationFactory(deployment=visual, timestamp=T0 + timedelta(hours=1))

    rows, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))

    effort = {r["samplingProtocol"]: r["samplingEffort"] for r in rows}
    assert effort["track plate"] == "10.0 trap-nights"
    # The portal records neither the visits nor the time spent counting: no effort rather than
    # ten days of "observation hours".
    assert effort["visual count"] == ""
    assert "hours" not in zf.read("occurrence.txt").decode()
    extent = _eml(zf).find("dataset/methods/sampling/studyExtent/description/para").text
    assert "10.0 trap-nights" in extent and "20.0" not in extent


def test_pictures_that_are_not_public_are_not_in_the_archive():
    dep = DeploymentFactory()
    public = Media.objects.create(deployment=dep, timestamp=T0, file_path="https://example.org/public.jpg")
    private = Media.objects.create(
        deployment=dep, timestamp=T0, file_path="https://example.org/private.jpg", file_public=False
    )
    ObservationFactory(deployment=dep, media=public, level="media")
    ObservationFactory(deployment=dep, media=private, level="media", timestamp=T0 + timedelta(hours=1))
    rows, _ = _occurrences(dwc.build_archive(observations=Observation.objects.all()))
    assert sorted(r["associatedMedia"] for r in rows) == ["", "https://example.org/public.jpg"]


def _import_example():
    from monitoring import camtrap
    from tests.monitoring.camtrap_validation import EXAMPLE

    camtrap.import_package(files=camtrap.read_package(EXAMPLE))


def test_imported_records_keep_their_packages_licence_and_rights_holder(settings):
    import xmlschema

    settings.MONITORING_DATA_LICENSE = "CC-BY-4.0"
    settings.MONITORING_PUBLISHER = "Provincie Antwerpen"
    _import_example()  # CC0-1.0 data, rights holder INBO
    ours = StructureFactory(name="Tunnel Berchem")
    ObservationFactory(deployment=DeploymentFactory(structure=ours), review_status="confirmed")

    rows, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))

    imported = [r for r in rows if not r["locality"].startswith("Tunnel Berchem")]
    portal = [r for r in rows if r["locality"].startswith("Tunnel Berchem")]
    assert imported and len(portal) == 1
    assert {r["license"] for r in imported} == {"http://creativecommons.org/publicdomain/zero/1.0/legalcode"}
    assert {r["rightsHolder"] for r in imported} == {"Research Institute for Nature and Forest (INBO)"}
    assert {r["datasetID"] for r in imported} == {"7cca70f5-ef8c-4f86-85fb-8f070937d7ab"}
    assert {r["datasetName"] for r in imported} == {
        "Sample from: MICA - Muskrat and coypu camera trap observations in Belgium, "
        "the Netherlands and Germany"
    }
    assert all(r["bibliographicCitation"].startswith("Desmet P") for r in imported)
    assert portal[0]["license"] == "http://creativecommons.org/licenses/by/4.0/legalcode"
    assert portal[0]["rightsHolder"] == "Provincie Antwerpen"
    assert portal[0]["datasetID"] == "" and portal[0]["bibliographicCitation"] == ""

    # The archive mixes CC0 and CC-BY: it names both and, as a whole, takes the most restrictive.
    xmlschema.XMLSchema(str(PROFILE)).validate(zf.read("eml.xml").decode())
    para = _eml(zf).find("dataset/intellectualRights/para")
    assert para.find("ulink").get("url") == "http://creativecommons.org/licenses/by/4.0/legalcode"
    text = "".join(para.itertext())
    assert "CC0-1.0" in text and "CC-BY-4.0" in text and "different licences" in text
    assert "Provincie Antwerpen" in text and "Research Institute for Nature and Forest (INBO)" in text
    owners = [p.find("organizationName").text for p in _eml(zf).findall("dataset/associatedParty")]
    assert owners == ["Research Institute for Nature and Forest (INBO)"]


def test_an_archive_of_imported_records_only_is_under_their_own_licence(settings):
    settings.MONITORING_DATA_LICENSE = "CC-BY-4.0"
    _import_example()

    rows, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))

    assert rows and "Provincie Antwerpen" not in zf.read("occurrence.txt").decode()
    para = _eml(zf).find("dataset/intellectualRights/para")
    assert para.find("ulink").get("url") == "http://creativecommons.org/publicdomain/zero/1.0/legalcode"
    assert "different licences" not in "".join(para.itertext())


def test_records_whose_package_gives_no_licence_are_never_given_the_provinces(tmp_path, settings):
    import json

    import xmlschema

    from monitoring import camtrap
    from tests.monitoring.camtrap_validation import EXAMPLE

    settings.MONITORING_DATA_LICENSE = "CC-BY-4.0"
    for path in EXAMPLE.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    descriptor = json.loads((EXAMPLE / "datapackage.json").read_text())
    descriptor["licenses"] = [entry for entry in descriptor["licenses"] if entry["scope"] != "data"]
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    camtrap.import_package(files=camtrap.read_package(tmp_path))

    rows, zf = _occurrences(dwc.build_archive(observations=Observation.objects.all()))

    assert rows and {r["license"] for r in rows} == {""}
    xmlschema.XMLSchema(str(PROFILE)).validate(zf.read("eml.xml").decode())
    rights = _eml(zf).find("dataset/intellectualRights/para")
    assert rights.find("ulink") is None and "No licence is known" in "".join(rights.itertext())
