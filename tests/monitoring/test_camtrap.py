"""Camtrap DP 1.0.2 export validated with the official schemas, and the example package round trip."""

import csv
import io
import json
import re
import zipfile
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from monitoring import camtrap
from monitoring.models import CamtrapPackage, Deployment, Media, Observation, Structure, Taxon
from tests.monitoring.camtrap_validation import EXAMPLE, package_errors, profile_errors, table_errors
from tests.monitoring.factories import T0, DeploymentFactory, ObservationFactory, StructureFactory, taxon

pytestmark = pytest.mark.django_db
ALL = [Observation.Status.CONFIRMED, Observation.Status.TO_CHECK]


def test_the_validator_accepts_the_official_example():
    assert profile_errors(json.loads((EXAMPLE / "datapackage.json").read_text())) == []
    assert table_errors(EXAMPLE) == []


def test_the_validator_catches_a_bad_package(tmp_path):
    dep = DeploymentFactory()
    ObservationFactory(deployment=dep)
    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    files["observations.csv"] = files["observations.csv"].replace(",animal,", ",beast,")
    descriptor = json.loads(files["datapackage.json"])
    del descriptor["taxonomic"]
    files["datapackage.json"] = json.dumps(descriptor)
    errors = package_errors(files, tmp_path)
    assert any("taxonomic" in str(e) for e in errors)
    assert any("observationType" in str(e) for e in errors)


def test_export_of_a_structure_validates_and_maps_feature_types(tmp_path):
    tunnel = StructureFactory(structure_type=Structure.Type.FAUNA_TUNNEL)
    ecoduct = StructureFactory(structure_type=Structure.Type.ECODUCT, latitude=51.3, longitude=4.6)
    cam = DeploymentFactory(structure=tunnel, position=Deployment.Position.SIDE_A)
    bridge_cam = DeploymentFactory(structure=ecoduct)
    fyke = DeploymentFactory(structure=tunnel, method=Deployment.Method.FYKE)
    media = Media.objects.create(
        deployment=cam, timestamp=T0, file_path="https://example.org/a.jpg", file_name="a.jpg"
    )
    person = Media.objects.create(deployment=cam, timestamp=T0, file_path="https://example.org/p.jpg")
    ObservationFactory(deployment=cam, media=media, level="media", life_stage="adult", sex="female")
    ObservationFactory(
        deployment=cam, media=person, taxon=taxon("Homo sapiens"), timestamp=T0 + timedelta(hours=1)
    )
    ObservationFactory(deployment=cam, taxon=taxon("blank"), count=None, timestamp=T0 + timedelta(hours=2))
    ObservationFactory(deployment=bridge_cam, taxon=taxon("Capreolus capreolus"))
    ObservationFactory(deployment=fyke, taxon=taxon("Bufo bufo"))
    ObservationFactory(deployment=cam, review_status="rejected", timestamp=T0 + timedelta(hours=3))

    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    assert package_errors(files, tmp_path) == []
    assert "roadUnderpass" in files["deployments.csv"] and "roadOverpass" in files["deployments.csv"]
    assert fyke.code not in files["deployments.csv"]
    assert "Bufo bufo" not in files["observations.csv"]
    descriptor = json.loads(files["datapackage.json"])
    assert "1 records from methods without media" in descriptor["description"]
    assert "Darwin Core" in descriptor["description"]
    assert files["observations.csv"].count("\n") == 1 + 4  # the rejected record is left out
    media_lines = {line.split(",")[0]: line for line in files["media.csv"].splitlines()[1:]}
    assert ",true," in media_lines[f"media-{media.pk}"]
    assert ",false," in media_lines[f"media-{person.pk}"]  # a person's picture is not public

    only_tunnel = camtrap.build_package(deployments=Deployment.objects.filter(structure=tunnel), statuses=ALL)
    assert package_errors(only_tunnel, tmp_path / "tunnel") == []
    assert "Capreolus" not in only_tunnel["observations.csv"]


def test_period_selection_and_empty_selection_still_validate(tmp_path):
    dep = DeploymentFactory()
    ObservationFactory(deployment=dep, timestamp=T0 + timedelta(days=1))
    ObservationFactory(deployment=dep, timestamp=T0 + timedelta(days=5))
    files = camtrap.build_package(
        deployments=Deployment.objects.all(), statuses=ALL, start=T0, end=T0 + timedelta(days=2)
    )
    assert files["observations.csv"].count("\n") == 2
    assert package_errors(files, tmp_path / "period") == []
    empty = camtrap.build_package(deployments=Deployment.objects.none(), statuses=ALL)
    assert package_errors(empty, tmp_path / "empty") == []


def test_the_official_example_imports_and_exports_again(tmp_path):
    counts = camtrap.import_package(files=camtrap.read_package(EXAMPLE))
    assert counts == {"deployments": 4, "media": 423, "observations": 549}
    assert Deployment.objects.count() == 4 and Media.objects.count() == 423
    assert Observation.objects.count() == 549
    fox = Observation.objects.filter(taxon__scientific_name="Vulpes vulpes").first()
    assert fox is not None and fox.taxon.name_nl == "vos"
    assert Observation.objects.filter(taxon__kind="vehicle").exists()

    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    assert package_errors(files, tmp_path) == []
    assert files["observations.csv"].count("\n") == 1 + 549
    assert files["media.csv"].count("\n") == 1 + 423

    again = camtrap.import_package(files=files)  # importing our own export replaces, never duplicates
    assert again["observations"] == 549 and Observation.objects.count() == 549


def test_import_command_reads_a_zip(tmp_path):
    archive = tmp_path / "example.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in EXAMPLE.iterdir():
            zf.write(path, path.name)
    out = io.StringIO()
    call_command("import_camtrap_dp", str(archive), stdout=out)
    assert "549 observations" in out.getvalue()


def test_import_refuses_a_folder_without_tables(tmp_path):
    (tmp_path / "datapackage.json").write_text("{}")
    with pytest.raises(camtrap.PackageError, match="deployments.csv is missing"):
        camtrap.read_package(tmp_path)


def test_import_command_reports_a_broken_package(tmp_path):
    from django.core.management.base import CommandError

    for name in ("datapackage.json", "deployments.csv", "media.csv", "observations.csv"):
        (tmp_path / name).write_text((EXAMPLE / name).read_text())
    (tmp_path / "observations.csv").write_text(
        (EXAMPLE / "observations.csv").read_text().replace("2020-05-30T02:57:37Z", "yesterday", 1)
    )
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("import_camtrap_dp", str(tmp_path))
    assert Observation.objects.count() == 0 and Deployment.objects.count() == 0


@pytest.mark.parametrize("descriptor", ["[]", '"camtrap"', '{"taxonomic": "Vulpes"}', '{"taxonomic": [1]}'])
def test_import_command_reports_a_descriptor_that_is_not_a_camtrap_dp_object(tmp_path, descriptor):
    from django.core.management.base import CommandError

    for name in ("deployments.csv", "media.csv", "observations.csv"):
        (tmp_path / name).write_text((EXAMPLE / name).read_text())
    (tmp_path / "datapackage.json").write_text(descriptor)
    with pytest.raises(CommandError, match="datapackage.json is not a Camtrap DP descriptor"):
        call_command("import_camtrap_dp", str(tmp_path))
    assert Deployment.objects.count() == 0


def test_import_reports_a_deployment_without_its_start_and_saves_nothing(tmp_path):
    for name in ("datapackage.json", "deployments.csv", "media.csv", "observations.csv"):
        (tmp_path / name).write_text((EXAMPLE / name).read_text())
    (tmp_path / "deployments.csv").write_text(
        (EXAMPLE / "deployments.csv").read_text().replace("2020-05-30T04:57:37+02:00", "", 1)
    )
    with pytest.raises(camtrap.PackageError, match="deploymentStart is empty"):
        camtrap.import_package(files=camtrap.read_package(tmp_path))
    assert Deployment.objects.count() == 0


@pytest.mark.parametrize("name", ["Danny\r\nVan der beeck", "Danny\u2028Van der beeck"])
def test_import_refuses_a_classifier_name_with_a_line_break_and_saves_nothing(tmp_path, name):
    """classifiedBy becomes who identified the observation, a one-line name (``validate_one_line``)."""
    for file in ("datapackage.json", "deployments.csv", "media.csv", "observations.csv"):
        (tmp_path / file).write_text((EXAMPLE / file).read_text())
    (tmp_path / "observations.csv").write_text(
        (EXAMPLE / "observations.csv").read_text().replace("Danny Van der beeck", f'"{name}"', 1),
        newline="",
    )
    with pytest.raises(
        camtrap.PackageError, match="^observations.csv line 2, observation 705e6036: classifiedBy: "
    ):
        camtrap.import_package(files=camtrap.read_package(tmp_path))
    assert Observation.objects.count() == 0 and Deployment.objects.count() == 0


# Every text of a package the portal stores in a column of limited length: the table (or
# datapackage.json), the column (or member) and the model field it goes to.
PACKAGE_TEXTS = [
    ("deployments.csv", "deploymentID", Deployment, "code"),
    ("deployments.csv", "locationID", Structure, "external_id"),
    ("deployments.csv", "locationName", Structure, "name"),
    ("deployments.csv", "setupBy", Deployment, "setup_by"),
    ("deployments.csv", "cameraID", Deployment, "camera_id"),
    ("deployments.csv", "cameraModel", Deployment, "camera_model"),
    ("media.csv", "mediaID", Media, "external_id"),
    ("media.csv", "captureMethod", Media, "capture_method"),
    ("media.csv", "filePath", Media, "file_path"),
    ("media.csv", "fileName", Media, "file_name"),
    ("media.csv", "fileMediatype", Media, "mediatype"),
    ("observations.csv", "observationID", Observation, "external_id"),
    ("observations.csv", "eventID", Observation, "event_id"),
    ("observations.csv", "observationLevel", Observation, "level"),
    ("observations.csv", "scientificName", Taxon, "scientific_name"),
    ("observations.csv", "lifeStage", Observation, "life_stage"),
    ("observations.csv", "sex", Observation, "sex"),
    ("observations.csv", "behavior", Observation, "behaviour"),
    ("observations.csv", "classifiedBy", Observation, "identified_by"),
    ("datapackage.json", "id", CamtrapPackage, "package_id"),
    ("datapackage.json", "title", CamtrapPackage, "title"),
    ("datapackage.json", "vernacularNames.nld", Taxon, "name_nl"),
    ("datapackage.json", "vernacularNames.eng", Taxon, "name_en"),
    ("datapackage.json", "taxonID", Taxon, "taxon_id"),
    ("datapackage.json", "class", Taxon, "taxon_class"),
]


def _example_with(tmp_path, table: str, column: str, value: str) -> None:
    """The official example with ``value`` in ``column`` of the first row of ``table``; for a member of
    a taxonomic entry, of a new taxon the first observation is of."""
    for file in ("datapackage.json", "deployments.csv", "media.csv", "observations.csv"):
        (tmp_path / file).write_text((EXAMPLE / file).read_text())
    if table == "datapackage.json":
        descriptor = json.loads((EXAMPLE / table).read_text())
        if column in ("id", "title"):
            descriptor[column] = value
        else:
            entry: dict = {"scientificName": "Testus longus", "vernacularNames": {}}
            if column.startswith("vernacularNames."):
                entry["vernacularNames"][column.split(".")[1]] = value
            else:
                entry[column] = value
            descriptor["taxonomic"].append(entry)
            _example_with_first_row(tmp_path, "observations.csv", "scientificName", "Testus longus")
        (tmp_path / table).write_text(json.dumps(descriptor))
    else:
        _example_with_first_row(tmp_path, table, column, value)


def _example_with_first_row(tmp_path, table: str, column: str, value: str) -> None:
    reader = csv.DictReader(io.StringIO((tmp_path / table).read_text()))
    rows = list(reader)
    rows[0][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / table).write_text(out.getvalue(), newline="")


def _stored() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (CamtrapPackage, Structure, Deployment, Media, Observation, Taxon)
    }


@pytest.mark.parametrize("table,column,model,field", PACKAGE_TEXTS)
def test_import_refuses_a_text_longer_than_its_column_naming_it_and_saves_nothing(
    tmp_path, table, column, model, field
):
    """Never cut short: the error names the table, the line and the record, and the column (a value of
    a column with a vocabulary, too long for any of its values, is not one of them)."""
    limit = model._meta.get_field(field).max_length
    _example_with(tmp_path, table, column, "x" * (limit + 1))
    before = _stored()
    with pytest.raises(camtrap.PackageError) as refused:
        camtrap.import_package(files=camtrap.read_package(tmp_path))
    message = str(refused.value)
    if table == "datapackage.json":
        assert message.startswith("datapackage.json") and f": {column}: " in message
    else:
        assert re.match(rf"{re.escape(table)} line 2, \w+ [^:]+: {re.escape(column)}: ", message), message
    if (table, column) in {(t, c) for t, c, _field in VOCABULARIES}:
        assert f"Value '{'x' * (limit + 1)}' is not a valid choice" in message
    else:
        assert f"at most {limit} characters (it has {limit + 1})" in message
    assert _stored() == before


def test_the_line_named_is_where_the_record_starts_when_values_run_over_several_lines(tmp_path):
    """Records 1 and 2 each hold a comment of two lines: record 2 starts on line 4 of the file."""
    _example_with(tmp_path, "observations.csv", "observationComments", "wet fur\r\nlimping")
    reader = csv.DictReader(io.StringIO((tmp_path / "observations.csv").read_text()))
    rows = list(reader)
    rows[1] |= {"observationComments": "dry\nagain", "classifiedBy": "x" * 151}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "observations.csv").write_text(out.getvalue())
    with pytest.raises(
        camtrap.PackageError,
        match=f"^observations.csv line 4, observation {rows[1]['observationID']}: classifiedBy: ",
    ):
        camtrap.import_package(files=camtrap.read_package(tmp_path))


# The text fields of those models the import never fills with a package's text as given: made by
# the portal (the slug), a value of its own vocabulary chosen from the package's (type, method,
# position, tags, review status, rank, kind), or not read from a package at all.
NOT_GIVEN_TEXTS = {
    (Structure, "slug"),
    (Structure, "structure_type"),
    (Structure, "crosses"),
    (Structure, "crosses_name"),
    (Deployment, "method"),
    (Deployment, "position"),
    (Observation, "direction"),
    (Observation, "outcome"),
    (Observation, "review_status"),
    (Taxon, "rank"),
    (Taxon, "kind"),
}


def test_every_text_field_the_import_fills_from_a_package_is_checked():
    """The import checks the fields of its ``COLUMNS`` (the ones PACKAGE_TEXTS tries); a new text
    field of these models is added to one of the lists."""
    from django.db import models

    from monitoring.camtrap.importer import COLUMNS

    checked = {(model, field) for model, columns in COLUMNS.items() for field in columns}
    assert checked == {(model, field) for _table, _column, model, field in PACKAGE_TEXTS}
    text_fields = {
        (model, field.name)
        for model in COLUMNS
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField)
    }
    assert text_fields - NOT_GIVEN_TEXTS == checked


# The texts that are neither a choice nor an ID other tables refer to.
KEYS_AND_CHOICES = {"deploymentID", "mediaID", "captureMethod", "observationLevel", "lifeStage", "sex"}


@pytest.mark.parametrize(
    "table,column,model,field", [text for text in PACKAGE_TEXTS if text[1] not in KEYS_AND_CHOICES]
)
def test_import_stores_a_text_that_just_fits_whole(tmp_path, table, column, model, field):
    value = "x" * model._meta.get_field(field).max_length
    _example_with(tmp_path, table, column, value)
    camtrap.import_package(files=camtrap.read_package(tmp_path))
    assert model.objects.filter(**{field: value}).exists()


# Every column whose values the Camtrap DP table schemas limit to a list (an ``enum``): the table
# and the column, and the model field the import stores it in (None: kept as read in
# ``camtrap_fields`` and written back by an export).
VOCABULARIES = [
    ("deployments.csv", "featureType", None),
    ("media.csv", "captureMethod", (Media, "capture_method")),
    ("observations.csv", "observationLevel", (Observation, "level")),
    ("observations.csv", "observationType", (Taxon, "kind")),
    ("observations.csv", "cameraSetupType", None),
    ("observations.csv", "lifeStage", (Observation, "life_stage")),
    ("observations.csv", "sex", (Observation, "sex")),
    ("observations.csv", "classificationMethod", None),
]


def _vocabulary(table: str, column: str) -> list[str]:
    fields = {f["name"]: f for f in camtrap.table_schema(table.removesuffix(".csv"))["fields"]}
    return fields[column]["constraints"]["enum"]


def test_every_column_with_a_vocabulary_is_tried_and_the_portal_holds_the_whole_vocabulary():
    """A column with an ``enum`` in the schemas is added to VOCABULARIES (so the tests below try it);
    the model field a column goes to has exactly the standard's values as its choices."""
    with_enum = {
        (f"{table}.csv", field["name"])
        for table in ("deployments", "media", "observations")
        for field in camtrap.table_schema(table)["fields"]
        if "enum" in field.get("constraints", {})
    }
    assert with_enum == {(table, column) for table, column, _field in VOCABULARIES}
    for table, column, target in VOCABULARIES:
        if target is not None:
            model, name = target
            choices = [value for value, _label in model._meta.get_field(name).choices]
            assert choices == _vocabulary(table, column), (table, column)
    profile = json.loads((EXAMPLE.parent / "camtrap-dp-profile.json").read_text())
    taxon_entry = profile["allOf"][1]["properties"]["taxonomic"]["items"]["properties"]
    assert Taxon.Rank.values == taxon_entry["taxonRank"]["enum"]


@pytest.mark.parametrize("table,column,_field", VOCABULARIES)
def test_import_refuses_a_value_outside_the_standards_vocabulary_naming_it_and_saves_nothing(
    tmp_path, table, column, _field
):
    """An export would write the value back, and the package would not validate."""
    _example_with(tmp_path, table, column, "other")
    before = _stored()
    with pytest.raises(camtrap.PackageError) as refused:
        camtrap.import_package(files=camtrap.read_package(tmp_path))
    message = str(refused.value)
    assert re.match(rf"{re.escape(table)} line 2, \w+ [^:]+: {re.escape(column)}: ", message), message
    assert "'other' is not a valid choice" in message
    assert all(value in message for value in _vocabulary(table, column))
    assert _stored() == before


def _required(table: str, column: str) -> bool:
    fields = {f["name"]: f for f in camtrap.table_schema(table.removesuffix(".csv"))["fields"]}
    return fields[column]["constraints"].get("required", False)


@pytest.mark.parametrize("value", ["", "NA"])
@pytest.mark.parametrize(
    "table,column",
    [(table, column) for table, column, _field in VOCABULARIES if not _required(table, column)],
)
def test_an_empty_value_stays_allowed_where_the_standard_allows_it(tmp_path, table, column, value):
    _example_with(tmp_path, table, column, value)
    counts = camtrap.import_package(files=camtrap.read_package(tmp_path))
    assert counts == {"deployments": 4, "media": 423, "observations": 549}


def test_import_refuses_a_taxon_rank_outside_the_standards_vocabulary(tmp_path):
    """The taxonomic entry is stored with the package and exported again as given."""
    _example_with(tmp_path, "datapackage.json", "taxonRank", "race")
    before = _stored()
    with pytest.raises(
        camtrap.PackageError,
        match="^datapackage.json, taxonomic Testus longus: taxonRank: Value 'race' is not a valid choice",
    ):
        camtrap.import_package(files=camtrap.read_package(tmp_path))
    assert _stored() == before


def test_import_command_reports_a_value_outside_the_vocabulary_on_a_later_line(tmp_path):
    for file in ("datapackage.json", "deployments.csv", "media.csv", "observations.csv"):
        (tmp_path / file).write_text((EXAMPLE / file).read_text())
    reader = csv.DictReader(io.StringIO((tmp_path / "observations.csv").read_text()))
    rows = list(reader)
    rows[2]["lifeStage"] = "old"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "observations.csv").write_text(out.getvalue())
    from django.core.management.base import CommandError

    with pytest.raises(
        CommandError,
        match=rf"^observations.csv line 4, observation {rows[2]['observationID']}: lifeStage: "
        r"Value 'old' is not a valid choice \(Camtrap DP allows adult, subadult, juvenile\)\.$",
    ):
        call_command("import_camtrap_dp", str(tmp_path))
    assert Observation.objects.count() == 0 and Deployment.objects.count() == 0


def test_stored_pictures_are_exported_through_the_checked_media_address(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.monitoring.test_services import jpeg

    dep = DeploymentFactory()
    media = Media.objects.create(
        deployment=dep, timestamp=T0, file=SimpleUploadedFile("f.jpg", jpeg().read())
    )
    ObservationFactory(deployment=dep, media=media, level="media")
    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    assert f"/monitoring/media/{media.pk}/" in files["media.csv"]
    assert package_errors(files, tmp_path) == []


def _typed(value: str | None, field_type: str):
    """A CSV value as what it means: the same moment, number or truth value written differently is
    the same value (the export writes moments in the portal's time zone)."""
    if value in (None, "", "NA", "NaN", "nan"):
        return None
    if field_type == "datetime":
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if field_type in ("number", "integer"):
        return Decimal(value)
    if field_type == "boolean":
        return value in ("true", "True", "TRUE", "1")
    return value


def _differences(table: str, original: str, exported: str) -> list[str]:
    schema = camtrap.table_schema(table)
    key = schema["primaryKey"]
    types = {f["name"]: f["type"] for f in schema["fields"]}
    before = {r[key]: r for r in csv.DictReader(io.StringIO(original))}
    after = {r[key]: r for r in csv.DictReader(io.StringIO(exported))}
    assert set(after) == set(before), f"{table}: rows differ"
    differences = []
    for pk, row in before.items():
        for name, field_type in types.items():
            was, now = _typed(row.get(name), field_type), _typed(after[pk].get(name), field_type)
            if was != now:
                differences.append(f"{table} {pk} {name}: {row.get(name)!r} became {after[pk].get(name)!r}")
    return differences


@pytest.mark.parametrize("first_import", [False, True])
def test_a_round_trip_of_the_official_example_keeps_every_field_of_the_standard(
    tmp_path, settings, first_import
):
    if first_import:  # loaded with the table's indexes set aside (on PostgreSQL)
        settings.MONITORING_LARGE_LOAD_ROWS = 1
    camtrap.import_package(files=camtrap.read_package(EXAMPLE))
    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    assert package_errors(files, tmp_path) == []

    differences = []
    for table in ("deployments", "media", "observations"):
        original = (EXAMPLE / f"{table}.csv").read_text(encoding="utf-8")
        differences += _differences(table, original, files[f"{table}.csv"])
    assert differences == []

    # The package metadata come back too; only the moment the package was made is new.
    original = json.loads((EXAMPLE / "datapackage.json").read_text(encoding="utf-8"))
    exported = json.loads(files["datapackage.json"])
    assert set(exported) == set(original)
    assert {k: v for k, v in exported.items() if k != "created"} == {
        k: v for k, v in original.items() if k != "created"
    }


@pytest.mark.parametrize("zone", ["Europe/Brussels", "America/St_Johns", "UTC"])
def test_moments_are_written_in_the_portals_time_zone_to_the_second(settings, zone):
    from datetime import UTC

    from django.utils import timezone

    settings.TIME_ZONE = zone
    dep = DeploymentFactory(start=datetime(2024, 1, 1, tzinfo=UTC), end=datetime(2025, 1, 1, tzinfo=UTC))
    moments = [
        datetime(2024, 1, 15, 23, 59, 59, 900_000, tzinfo=UTC),  # winter, a fraction that is dropped
        datetime(2024, 3, 31, 0, 59, 59, tzinfo=UTC),  # just before summer time in Brussels
        datetime(2024, 3, 31, 1, 0, 0, tzinfo=UTC),  # just after
        datetime(2024, 7, 1, 12, 0, 0, tzinfo=UTC),
    ]
    for i, moment in enumerate(moments):
        ObservationFactory(deployment=dep, timestamp=moment, external_id=f"o{i}")
    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    rows = {r["observationID"]: r for r in csv.DictReader(io.StringIO(files["observations.csv"]))}
    for i, moment in enumerate(moments):
        expected = timezone.localtime(moment, timezone.get_current_timezone()).isoformat(timespec="seconds")
        assert rows[f"o{i}"]["eventStart"] == expected


def test_deployments_sharing_a_location_keep_their_own_coordinates(tmp_path):
    files = camtrap.read_package(EXAMPLE)
    # Two deployments at one location ID, each with its own coordinates and location name.
    files["deployments.csv"] = files["deployments.csv"].replace("29b7d356,2df5259b,", "29b7d356,e254a13c,")
    camtrap.import_package(files=files)
    assert Structure.objects.count() == 3
    exported = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)
    assert package_errors(exported, tmp_path) == []
    assert _differences("deployments", files["deployments.csv"], exported["deployments.csv"]) == []


def test_a_mixed_selection_keeps_each_sources_licence_and_rights_holder(tmp_path, settings):
    settings.MONITORING_DATA_LICENSE = "CC-BY-4.0"
    settings.MONITORING_PUBLISHER = "Provincie Antwerpen"
    camtrap.import_package(files=camtrap.read_package(EXAMPLE))  # CC0-1.0 data, INBO's
    ObservationFactory(deployment=DeploymentFactory(), review_status="confirmed")

    files = camtrap.build_package(deployments=Deployment.objects.all(), statuses=ALL)

    assert package_errors(files, tmp_path) == []
    descriptor = json.loads(files["datapackage.json"])
    data = [lic.get("name") or lic.get("path") for lic in descriptor["licenses"] if lic["scope"] == "data"]
    assert sorted(data) == ["CC-BY-4.0", "CC0-1.0"]
    media = [lic.get("name") or lic.get("path") for lic in descriptor["licenses"] if lic["scope"] == "media"]
    assert "http://creativecommons.org/licenses/by/4.0/" in media
    holders = [c["title"] for c in descriptor["contributors"] if c.get("role") == "rightsHolder"]
    assert sorted(holders) == ["Provincie Antwerpen", "Research Institute for Nature and Forest (INBO)"]
    assert [s["title"] for s in descriptor["sources"]] == [
        "Sample from: MICA - Muskrat and coypu camera trap observations in Belgium, "
        "the Netherlands and Germany"
    ]
    text = descriptor["description"]
    assert "exported by Provincie Antwerpen" in text and "recorded by" not in text
    assert "4 deployments from the imported Camtrap DP package" in text
    assert "data under CC0-1.0, rights holder Research Institute for Nature and Forest (INBO)" in text
    assert "1 deployment recorded in the portal: data under CC-BY-4.0, rights holder Provincie" in text


def test_new_locations_with_one_name_and_ids_alike_in_their_first_characters_each_get_a_page(client):
    """The slug is made of the name and the start of the ID; a slug taken already is numbered."""
    files = camtrap.read_package(EXAMPLE)
    for old, new in (
        ("00a2c20d,e254a13c,B_HS_val 2_processiepark", "00a2c20d,kanaaldijk-station-1,Kanaaldijk"),
        ("29b7d356,2df5259b,B_DL_val 5_beek kleine vijver", "29b7d356,kanaaldijk-station-2,Kanaaldijk"),
    ):
        assert old in files["deployments.csv"]
        files["deployments.csv"] = files["deployments.csv"].replace(old, new)

    camtrap.import_package(files=files)

    dykes = Structure.objects.filter(name="Kanaaldijk").order_by("external_id")
    assert [s.external_id for s in dykes] == ["kanaaldijk-station-1", "kanaaldijk-station-2"]
    assert [s.slug for s in dykes] == ["kanaaldijk-kanaaldijk-stat", "kanaaldijk-kanaaldijk-stat-2"]
    pages = [client.get(structure.get_absolute_url()) for structure in dykes]
    assert [page.status_code for page in pages] == [200, 200]
    assert [[d.code for d in page.context["deployments"]] for page in pages] == [["00a2c20d"], ["29b7d356"]]

    camtrap.import_package(files=files)  # the same package again finds both locations
    assert [s.slug for s in Structure.objects.filter(name="Kanaaldijk").order_by("external_id")] == [
        "kanaaldijk-kanaaldijk-stat",
        "kanaaldijk-kanaaldijk-stat-2",
    ]
