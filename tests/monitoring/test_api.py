"""The API: reads per group, writes by permission, filters, statistics and exports."""

import io
import zipfile
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from monitoring.models import Observation
from tests.monitoring.factories import (
    T0,
    DeploymentFactory,
    ObservationFactory,
    StructureFactory,
    ecologist,
    student,
    taxon,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/monitoring"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def data():
    s1 = StructureFactory(slug="n16")
    s2 = StructureFactory(slug="ecoduct")
    d1 = DeploymentFactory(structure=s1)
    d2 = DeploymentFactory(structure=s2)
    ObservationFactory(deployment=d1, taxon=taxon("Martes foina"))
    ObservationFactory(deployment=d1, taxon=taxon("Vulpes vulpes"), timestamp=T0 + timedelta(days=3))
    ObservationFactory(deployment=d2, taxon=taxon("Vulpes vulpes"), review_status="to_check")
    return d1, d2


def test_public_reads_structures_and_statistics_but_not_raw_observations(api, data):
    assert api.get(f"{BASE}/structures/").json()["count"] == 2
    assert api.get(f"{BASE}/observations/").status_code in (401, 403)
    stats = api.get(f"{BASE}/statistics/", {"structure": "n16"}).json()
    assert stats["events"] == 2 and stats["trap_nights"] == 10.0 and stats["rate"] == 20.0
    assert {s["scientific_name"] for s in stats["species"]} == {"Martes foina", "Vulpes vulpes"}
    assert api.get(f"{BASE}/statistics/", {"structure": "nowhere"}).status_code == 400
    assert api.get(f"{BASE}/exports/camtrap-dp/").status_code in (401, 403)


def test_observations_filter_and_paginate_for_ecologists(api, data):
    api.force_authenticate(ecologist())
    body = api.get(f"{BASE}/observations/").json()
    assert body["count"] == 3 and "results" in body
    assert api.get(f"{BASE}/observations/", {"structure": "n16"}).json()["count"] == 2
    assert api.get(f"{BASE}/observations/", {"species": "Vulpes vulpes"}).json()["count"] == 2
    assert api.get(f"{BASE}/observations/", {"status": "to_check"}).json()["count"] == 1
    assert api.get(f"{BASE}/observations/", {"date_from": "2025-05-03"}).json()["count"] == 1
    assert api.get(f"{BASE}/observations/", {"status": "maybe"}).status_code == 400


def test_the_period_filter_counts_whole_local_days(api):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    brussels = ZoneInfo("Europe/Brussels")
    dep = DeploymentFactory(start=T0 - timedelta(days=2))
    for hour, minute in ((23, 59), (0, 0)):  # 30 April 23:59 and 1 May 00:00, Belgian time
        day = 30 if hour else 1
        month = 4 if hour else 5
        ObservationFactory(
            deployment=dep, timestamp=datetime(2025, month, day, hour, minute, tzinfo=brussels)
        )
    api.force_authenticate(ecologist())
    until_april = api.get(f"{BASE}/observations/", {"date_to": "2025-04-30"}).json()
    from_may = api.get(f"{BASE}/observations/", {"date_from": "2025-05-01"}).json()
    assert until_april["count"] == 1 and until_april["results"][0]["timestamp"].startswith("2025-04-30T23:59")
    assert from_may["count"] == 1 and from_may["results"][0]["timestamp"].startswith("2025-05-01T00:00")


def test_students_see_and_write_only_at_their_deployments(api, data):
    d1, d2 = data
    user = student()
    d1.assigned_students.add(user)
    api.force_authenticate(user)
    assert api.get(f"{BASE}/observations/").json()["count"] == 2
    payload = {
        "deployment": d1.pk,
        "taxon": "Meles meles",
        "timestamp": (T0 + timedelta(hours=1)).isoformat(),
    }
    created = api.post(f"{BASE}/observations/", payload, format="json")
    assert created.status_code == 201 and created.json()["review_status"] == "to_check"
    assert (
        api.post(f"{BASE}/observations/", payload | {"deployment": d2.pk}, format="json").status_code == 403
    )
    late = api.post(f"{BASE}/observations/", payload | {"timestamp": "2030-01-01T00:00:00Z"}, format="json")
    assert late.status_code == 400 and "timestamp" in late.json()
    assert api.post(f"{BASE}/structures/", {"slug": "x", "name": "x"}, format="json").status_code == 403
    obs = Observation.objects.get(taxon__scientific_name="Meles meles")
    assert (
        api.post(f"{BASE}/observations/{obs.pk}/review/", {"review_status": "confirmed"}).status_code == 403
    )


def test_ecologists_write_review_and_export(api, data):
    api.force_authenticate(ecologist())
    created = api.post(
        f"{BASE}/structures/",
        {"slug": "pijp", "name": "Ecopijp", "structure_type": "ecopipe", "latitude": 51.1, "longitude": 4.4},
        format="json",
    )
    assert created.status_code == 201
    bad = api.post(
        f"{BASE}/deployments/",
        {"structure": "pijp", "code": "p1", "start": "2025-05-02T00:00:00Z", "end": "2025-05-01T00:00:00Z"},
        format="json",
    )
    assert bad.status_code == 400 and "end" in bad.json()
    obs = Observation.objects.get(review_status="to_check")
    reviewed = api.post(f"{BASE}/observations/{obs.pk}/review/", {"review_status": "rejected"})
    assert reviewed.json()["review_status"] == "rejected"
    for path, member in (("camtrap-dp", "datapackage.json"), ("dwc-archive", "occurrence.txt")):
        response = api.get(f"{BASE}/exports/{path}/", {"structure": "n16"})
        assert response.status_code == 200
        assert member in zipfile.ZipFile(io.BytesIO(response.getvalue())).namelist()


def test_taxa_search(api):
    found = api.get(f"{BASE}/taxa/", {"q": "pad"}).json()
    assert "Bufo bufo" in {t["scientific_name"] for t in found}


def test_schema_documents_the_endpoints(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/monitoring/observations/", "/monitoring/statistics/", "/monitoring/exports/camtrap-dp/"):
        assert path in schema


def test_statistics_and_exports_by_region_and_period(api, regions):
    boom = StructureFactory(slug="boom", latitude=51.0875, longitude=4.3665)  # Rupel, Zenne en Dijle
    elsewhere = StructureFactory(slug="elders", latitude=51.40, longitude=4.45)
    ObservationFactory(deployment=DeploymentFactory(structure=boom))
    ObservationFactory(deployment=DeploymentFactory(structure=boom), timestamp=T0 + timedelta(days=5))
    ObservationFactory(deployment=DeploymentFactory(structure=elsewhere))
    stats = api.get(f"{BASE}/statistics/", {"region": "rupel-zenne-dijle"}).json()
    assert stats["deployments"] == 2 and stats["events"] == 2
    period = api.get(f"{BASE}/statistics/", {"region": "rupel-zenne-dijle", "date_to": "2025-05-02"}).json()
    assert period["events"] == 1
    assert api.get(f"{BASE}/statistics/", {"region": "atlantis"}).status_code == 400
    api.force_authenticate(ecologist())
    response = api.get(f"{BASE}/exports/camtrap-dp/", {"region": "rupel-zenne-dijle"})
    files = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    assert files.read("deployments.csv").decode().count("\n") == 3


@pytest.mark.parametrize(("api_path", "page_format"), [("camtrap-dp", "camtrap"), ("dwc-archive", "dwc")])
def test_the_api_and_the_export_page_give_the_same_archive(api, client, data, api_path, page_format):
    eco = ecologist()
    api.force_authenticate(eco)
    client.force_login(eco)
    structure = data[0].structure
    selection = {"date_from": "2025-01-01", "date_to": "2025-12-31"}

    by_api = api.get(f"{BASE}/exports/{api_path}/", {"structure": structure.slug, **selection})
    by_page = client.get(
        "/monitoring/export/", {"format": page_format, "structure": structure.pk, **selection}
    )

    assert by_api["Content-Disposition"] == by_page["Content-Disposition"]
    api_zip, page_zip = (zipfile.ZipFile(io.BytesIO(r.getvalue())) for r in (by_api, by_page))
    assert api_zip.namelist() == page_zip.namelist()
    rows = api_zip.read("observations.csv" if page_format == "camtrap" else "occurrence.txt").splitlines()
    assert len(rows) == 3  # the header and the two confirmed sightings at the structure
    for member in api_zip.namelist():
        if member not in ("datapackage.json", "eml.xml"):  # these carry the moment they were made
            assert api_zip.read(member) == page_zip.read(member), member


@pytest.mark.parametrize(
    ("api_path", "page_format", "prefix"),
    [("camtrap-dp", "camtrap", "camtrap-dp"), ("dwc-archive", "dwc", "dwca")],
)
def test_an_export_is_streamed_from_a_temporary_file_not_held_in_memory(
    api, client, data, monkeypatch, api_path, page_format, prefix
):
    """The archive is written into a temporary file (in memory only while it stays small) and sent
    from there in blocks, with its length, name and type known to the browser beforehand."""
    from django.http import FileResponse
    from django.utils import timezone

    from monitoring import exports, selectors

    monkeypatch.setattr(exports, "SPOOL_MAX_BYTES", 512)  # every archive here is larger: on disk
    eco = ecologist()
    api.force_authenticate(eco)
    client.force_login(eco)
    by_api = api.get(f"{BASE}/exports/{api_path}/", {"structure": "n16"})
    by_page = client.get("/monitoring/export/", {"format": page_format, "structure": data[0].structure.pk})

    for response in (by_api, by_page):
        assert response.status_code == 200
        assert isinstance(response, FileResponse) and response.streaming
        body = response.getvalue()
        assert response["Content-Type"] == "application/zip"
        name = f"{prefix}-{timezone.localdate().isoformat()}.zip"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert int(response["Content-Length"]) == len(body) > 512
        archive = zipfile.ZipFile(io.BytesIO(body))
        assert archive.testzip() is None
        assert ("datapackage.json" if page_format == "camtrap" else "occurrence.txt") in archive.namelist()
    # What the responses streamed from: a temporary file that moved to disk once it grew larger.
    spooled, _ = exports.export_archive(
        export_format=page_format, selection=selectors.selection(structure=data[0].structure)
    )
    with spooled:
        assert spooled.name is not None  # a file on disk has a name (or descriptor); one in memory none
        assert zipfile.ZipFile(spooled).testzip() is None
