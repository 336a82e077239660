"""Hostile input to monitoring: dates out of range, impossible time-zone offsets, CSV files with
strange counts, huge fields and NUL bytes, oversized hidden fields, and odd upload types. Each
answers 4xx (or a form error) naming the field, and nothing is half-saved."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.models import Deployment, Media, Observation
from tests.monitoring.factories import DeploymentFactory, StructureFactory, ecologist
from tests.monitoring.test_services import jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def deployment():
    return DeploymentFactory(structure=StructureFactory(slug="n16"))


@pytest.fixture
def eco_client(client):
    client.force_login(ecologist())
    return client


@pytest.mark.parametrize("name", ["monitoring-observation-list", "monitoring-statistics-list"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_dates_beyond_the_calendar_answer_400_naming_the_field(eco_client, deployment, name, field):
    response = eco_client.get(reverse(name), {field: "9999-12-31"})
    assert response.status_code == 400
    assert field in response.json()


def test_an_export_of_a_date_beyond_the_calendar_answers_400(eco_client, deployment):
    response = eco_client.get(reverse("monitoring-export-dwc-archive"), {"date_to": "9999-12-31"})
    assert response.status_code == 400
    assert "date_to" in response.json()


def test_the_export_page_explains_a_date_beyond_the_calendar(eco_client, deployment):
    response = eco_client.get(reverse("monitoring:export"), {"format": "dwc", "date_to": "9999-12-31"})
    assert response.status_code in (200, 400)
    assert "id_date_to_error" in response.content.decode()


@pytest.mark.parametrize("offset", ["+14:01", "-15:00", "+23:59"])
def test_a_deployment_time_with_an_impossible_offset_names_the_field(eco_client, deployment, offset):
    response = eco_client.post(
        reverse("monitoring-deployment-list"),
        {
            "structure": "n16",
            "code": "dep-x",
            "method": "camera",
            "position": "inside",
            "start": f"2025-05-01T20:00:00{offset}",
            "end": "2025-05-11T20:00:00+02:00",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "start" in response.json()
    assert not Deployment.objects.filter(code="dep-x").exists()


def test_an_observation_form_time_with_an_impossible_offset_is_a_form_error(eco_client, deployment):
    response = eco_client.post(
        reverse("monitoring:observation-create", kwargs={"pk": deployment.pk}),
        {
            "species": "vos",
            "timestamp": "2025-05-02T03:10:00+20:00",
            "count": 1,
            "direction": "a_to_b",
            "outcome": "crossing",
            "photo": jpeg("2025:05:02 03:10:00"),
        },
    )
    assert response.status_code == 200
    assert "id_timestamp_error" in response.content.decode()
    assert not Observation.objects.exists() and not Media.objects.exists()


def _preview(client, deployment, content: bytes):
    url = reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk})
    return client.post(url, {"file": SimpleUploadedFile("obs.csv", content)})


@pytest.mark.parametrize("count", ["²", "2147483648", "99999999999", "-1", "1.5"])
def test_csv_counts_a_column_cannot_hold_are_row_errors(eco_client, deployment, count):
    content = f"timestamp,species,count\n2025-05-02 01:00,vos,{count}\n".encode()
    response = _preview(eco_client, deployment, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Regel 2" in page and "count" in page.lower() or "aantal" in page
    assert response.context["check"].rows == []


def test_a_csv_count_out_of_range_is_refused_even_when_confirmed(eco_client, deployment):
    url = reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk})
    text = "timestamp,species,count\n2025-05-02 01:00,vos,99999999999\n"
    response = eco_client.post(url, {"csv_text": text, "confirm": "1"})
    assert response.status_code == 200
    assert not Observation.objects.exists()


@pytest.mark.parametrize("csv_module_limit", [None, 2**31 - 1])
def test_a_csv_field_of_128_kib_is_a_row_error(eco_client, deployment, csv_module_limit):
    """Also when something else in the process raised the csv module's (process-wide) field limit."""
    import csv

    content = b"timestamp,species,comments\n2025-05-02 01:00,vos," + b"x" * (128 * 1024 + 10) + b"\n"
    previous = csv.field_size_limit()
    try:
        if csv_module_limit:
            csv.field_size_limit(csv_module_limit)
        response = _preview(eco_client, deployment, content)
    finally:
        csv.field_size_limit(previous)
    assert response.status_code == 200
    assert response.context["check"].errors
    assert not Observation.objects.exists()


def test_a_nul_byte_in_an_uploaded_csv_is_a_row_error(eco_client, deployment):
    content = b"timestamp,species,comments\n2025-05-02 01:00,vos,a\x00b\n"
    response = _preview(eco_client, deployment, content)
    assert response.status_code == 200
    assert response.context["check"].errors
    assert not Observation.objects.exists()


def test_the_confirm_step_enforces_the_size_limit_on_the_hidden_text(eco_client, deployment):
    url = reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk})
    row = "2025-05-02 01:00,vos,1\n"
    text = "timestamp,species,count\n" + row * (5_900_000 // len(row))
    response = eco_client.post(url, {"csv_text": text, "confirm": "1"})
    assert response.status_code == 200
    assert "5120" in response.content.decode()
    assert not Observation.objects.exists()


def test_an_image_sent_with_a_long_content_type_saves_no_row_and_leaves_no_file(eco_client, deployment):
    upload = jpeg("2025:05:03 04:15:00")
    upload.content_type = "image/" + "x" * 80
    folder = Path(settings.MEDIA_ROOT) / "monitoring"
    before = {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()
    response = eco_client.post(
        reverse("monitoring:image-upload", kwargs={"pk": deployment.pk}),
        {"images": [upload], "species": "vos", "count": 1},
    )
    assert response.status_code < 500
    after = {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()
    stored = Media.objects.count()
    assert len(after - before) == stored
    assert all(len(m.mediatype) <= 60 for m in Media.objects.all())


def test_the_bulk_loader_refuses_a_count_the_column_cannot_hold_instead_of_wrapping_it(deployment):
    from monitoring.bulk import load_observations
    from tests.monitoring.factories import T0, taxon

    row = {"deployment_id": deployment.pk, "taxon_id": taxon("Vulpes vulpes").pk, "timestamp": T0}
    with pytest.raises(ValueError, match="count 99999999999"):
        load_observations(rows=[row | {"count": 99_999_999_999}])
    assert not Observation.objects.exists()


def test_an_observation_refused_after_its_picture_was_stored_leaves_no_file_behind(deployment):
    from django.core.exceptions import ValidationError

    from monitoring import services
    from monitoring.models import MAX_COUNT
    from tests.monitoring.factories import T0, taxon

    folder = Path(settings.MEDIA_ROOT) / "monitoring"
    before = {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()
    data = {"timestamp": T0, "taxon": taxon("Vulpes vulpes"), "count": MAX_COUNT + 1}
    with pytest.raises(ValidationError) as refused:
        services.create_observation(
            user=ecologist(), deployment=deployment, data=data, photo=jpeg("2025:05:01 20:00:00")
        )
    assert "count" in refused.value.message_dict
    after = {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()
    assert after == before and not Media.objects.exists()


def test_a_png_named_html_sent_as_html_is_stored_and_served_as_a_png(eco_client, deployment):
    """The issue's badger.html: a real PNG with HTML in a text chunk, sent as text/html."""
    from tests.test_uploads import badger

    response = eco_client.post(
        reverse("monitoring:image-upload", kwargs={"pk": deployment.pk}),
        {"images": [badger()], "species": "das", "count": 1, "fallback_time": "2025-05-01 23:00"},
    )
    assert response.status_code == 302
    media = Media.objects.get()
    assert media.file.name.endswith(".png") and media.mediatype == "image/png"
    served = eco_client.get(reverse("monitoring:media-file", kwargs={"pk": media.pk}))
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"


def test_a_csv_uploaded_twice_is_not_stored_twice(eco_client, deployment):
    url = reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk})
    text = "timestamp,species,count\n2025-05-02 01:00,vos,1\n2025-05-02 02:00,das,3\n"
    for _ in range(2):
        eco_client.post(url, {"csv_text": text, "confirm": "1"})
    assert Observation.objects.filter(deployment=deployment).count() == 2


@pytest.mark.parametrize("offset", ["+15:00", "+23:59", "-14:30"])
def test_a_csv_time_with_an_impossible_offset_is_a_row_error_naming_the_column(
    eco_client, deployment, offset
):
    start = (deployment.start + timedelta(days=3)).strftime("%Y-%m-%d")
    content = f"timestamp,species\n{start} 12:10:00{offset},vos\n".encode()
    response = _preview(eco_client, deployment, content)
    assert response.status_code == 200
    check = response.context["check"]
    assert check.rows == []
    assert [error.line for error in check.errors] == [2]
    assert "timestamp" in check.errors[0].message and "14:00" in check.errors[0].message
    response = eco_client.post(
        reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk}),
        {"csv_text": content.decode(), "confirm": "1"},
    )
    assert not Observation.objects.exists()


def test_a_csv_row_with_more_values_than_the_header_is_a_row_error(eco_client, deployment):
    start = (deployment.start + timedelta(days=3)).strftime("%Y-%m-%d")
    content = f"timestamp,species,count\n{start} 23:10,vos,1\n{start} 23:20,vos,2,3\n".encode()
    response = _preview(eco_client, deployment, content)
    check = response.context["check"]
    assert [error.line for error in check.errors] == [3]
    assert "more values" in check.errors[0].message or "meer waarden" in check.errors[0].message
    eco_client.post(
        reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk}),
        {"csv_text": content.decode(), "confirm": "1"},
    )
    assert not Observation.objects.exists()


LINE_BREAKS = ["Jan\r\nBcc: x@example.org", "Jan\nPeeters", "Jan\rPeeters", "Jan\u2028Peeters", "Jan\x0bP"]


@pytest.mark.parametrize("value", LINE_BREAKS)
def test_a_line_break_in_a_csv_identified_by_is_a_row_error_naming_the_line_and_column(
    eco_client, deployment, value
):
    """A comment may run over several lines; who identified it may not (``validate_one_line``). The
    error names the line the record starts on, as a text editor shows it."""
    content = (
        "timestamp,species,identified_by,comments\n"
        '2025-05-02 01:00,vos,An,"wet fur\nlimping"\n'
        f'2025-05-02 02:00,das,"{value}",\n'
    ).encode()
    response = _preview(eco_client, deployment, content)
    assert response.status_code == 200
    check = response.context["check"]
    assert [error.line for error in check.errors] == [4]
    assert check.errors[0].message == "identified_by: Vul dit in op één regel, zonder regeleinden."
    assert "Regel 4: identified_by" in response.content.decode()
    eco_client.post(
        reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk}),
        {"csv_text": content.decode(), "confirm": "1"},
    )
    assert not Observation.objects.exists()


def test_a_line_break_in_identified_by_is_a_field_error_in_the_form_and_the_api(eco_client, deployment):
    response = eco_client.post(
        reverse("monitoring:observation-create", kwargs={"pk": deployment.pk}),
        {"species": "vos", "timestamp": "2025-05-02T03:10", "identified_by": "Jan\r\nPeeters"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["identified_by"] == ["Vul dit in op één regel, zonder regeleinden."]
    api = eco_client.post(
        reverse("monitoring-observation-list"),
        {
            "deployment": deployment.pk,
            "taxon": "Vulpes vulpes",
            "timestamp": "2025-05-02T03:10:00+02:00",
            "identified_by": "Jan\nPeeters",
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.status_code == 400
    assert api.json()["identified_by"] == ["Enter this on one line, without line breaks."]
    assert not Observation.objects.exists()


def _csv_text_columns_with_a_length() -> list[tuple[str, int]]:
    """The CSV import's columns stored as given text in a column of limited length (not a choice)."""
    from monitoring.csv_import import OPTIONAL_COLUMNS

    fields = {name: Observation._meta.get_field(name) for name in OPTIONAL_COLUMNS}
    return [
        (name, field.max_length)
        for name, field in fields.items()
        if getattr(field, "max_length", None) and not field.choices
    ]


def test_the_csv_import_has_text_columns_of_limited_length():
    assert ("identified_by", 150) in _csv_text_columns_with_a_length()


@pytest.mark.parametrize("column,limit", _csv_text_columns_with_a_length())
def test_a_csv_text_longer_than_its_column_is_a_row_error_naming_the_line_and_column(
    eco_client, deployment, column, limit
):
    """Never cut short: the preview names the line and the column, and nothing is saved even when
    the file is confirmed. A value that just fits goes in whole."""
    fits, too_long = "J" * limit, "J" * (limit + 1)
    content = (
        f"timestamp,species,{column}\n2025-05-02 01:00,vos,{fits}\n2025-05-02 02:00,das,{too_long}\n"
    ).encode()
    response = _preview(eco_client, deployment, content)
    assert response.status_code == 200
    check = response.context["check"]
    assert [error.line for error in check.errors] == [3]
    assert check.errors[0].message.startswith(f"{column}: ")
    assert str(limit) in check.errors[0].message and str(limit + 1) in check.errors[0].message
    assert f"Regel 3: {column}" in response.content.decode()
    eco_client.post(
        reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk}),
        {"csv_text": content.decode(), "confirm": "1"},
    )
    assert not Observation.objects.exists()

    eco_client.post(
        reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk}),
        {"csv_text": "\n".join(content.decode().splitlines()[:2]) + "\n", "confirm": "1"},
    )
    assert list(Observation.objects.values_list(column, flat=True)) == [fits]


STRUCTURE_POST = {
    "name": "Ecopijp Boom",
    "slug": "ecopijp-boom",
    "structure_type": "ecopipe",
    "latitude": "51.0875",
    "longitude": "4.3665",
    "crosses": "road",
}
ONE_LINE = "Vul dit in op één regel, zonder regeleinden."


@pytest.mark.parametrize("field", ["name", "crosses_name"])
@pytest.mark.parametrize("value", ["Ecopijp\r\nBoom", "Ecopijp\u2028Boom"])
def test_a_line_break_in_a_structure_name_is_a_field_error_on_the_page_and_the_api(eco_client, field, value):
    from monitoring.models import Structure

    response = eco_client.post(reverse("monitoring:structure-create"), STRUCTURE_POST | {field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [ONE_LINE]
    api = eco_client.post(
        reverse("monitoring-structure-list"),
        STRUCTURE_POST | {"latitude": 51.0875, "longitude": 4.3665, field: value},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.status_code == 400
    assert api.json()[field] == ["Enter this on one line, without line breaks."]
    assert not Structure.objects.filter(slug="ecopijp-boom").exists()


def test_a_line_break_in_a_photo_caption_is_a_field_error_and_stores_no_photo(eco_client):
    from monitoring.models import Structure, StructurePhoto

    response = eco_client.post(
        reverse("monitoring:structure-create"),
        STRUCTURE_POST | {"photo": jpeg(), "photo_caption": "Ingang\nkant A"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo_caption"] == [ONE_LINE]
    assert not Structure.objects.exists() and not StructurePhoto.objects.exists()


DEPLOYMENT_POST = {
    "code": "boom-1",
    "method": "camera",
    "position": "A",
    "start": "2025-05-01T12:00",
    "end": "2025-05-11T12:00",
}


@pytest.mark.parametrize("field", ["setup_by", "code", "camera_model", "camera_id"])
def test_a_line_break_in_who_set_a_deployment_up_is_a_field_error_on_the_page_and_the_api(
    eco_client, deployment, field
):
    value = "An\r\nBcc: x@example.org"
    response = eco_client.post(
        reverse("monitoring:deployment-create"),
        DEPLOYMENT_POST | {"structure": deployment.structure.pk, field: value},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [ONE_LINE]
    api = eco_client.post(
        reverse("monitoring-deployment-list"),
        DEPLOYMENT_POST
        | {"structure": "n16", "start": "2025-05-01T12:00:00+02:00", "end": "2025-05-11T12:00:00+02:00"}
        | {field: value},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert api.status_code == 400
    assert api.json()[field] == ["Enter this on one line, without line breaks."]
    assert list(Deployment.objects.all()) == [deployment]


def test_a_line_break_in_a_failure_reason_is_a_field_error(eco_client, deployment):
    response = eco_client.post(
        reverse("monitoring:failure-add", kwargs={"pk": deployment.pk}),
        {"start": "2025-05-02T12:00", "end": "2025-05-04T12:00", "reason": "SD card\nfull"},
        follow=True,
    )
    notes = [str(message) for message in response.context["messages"]]
    assert notes == [f"De storingsperiode is niet opgeslagen: Reden: {ONE_LINE}"]
    assert not deployment.failures.exists()


@pytest.mark.parametrize(
    "column", ["locationName", "setupBy", "cameraModel", "behavior", "fileName", "eventID"]
)
def test_the_camtrap_import_refuses_a_line_break_in_a_one_line_field_naming_it(tmp_path, column):
    from monitoring import camtrap
    from tests.monitoring.test_camtrap import _example_with, _stored

    table = {"locationName": "deployments", "setupBy": "deployments", "cameraModel": "deployments"}
    table |= {"fileName": "media", "behavior": "observations", "eventID": "observations"}
    _example_with(tmp_path, f"{table[column]}.csv", column, "first\r\nsecond")
    before = _stored()
    with pytest.raises(
        camtrap.PackageError, match=rf"^{table[column]}.csv line 2, .*: {column}: Enter this on one line"
    ):
        camtrap.import_package(files=camtrap.read_package(tmp_path))
    assert _stored() == before
