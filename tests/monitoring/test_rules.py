"""Rules that forms, the API, the admin and the models share: one function each, the same answer."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from monitoring.serializers import DeploymentSerializer
from tests.monitoring.factories import DeploymentFactory, FailureFactory

pytestmark = pytest.mark.django_db

END_BEFORE_START = "The end must be after the start."


def test_a_deployment_ending_at_its_start_gets_the_same_field_error_from_the_model_and_the_api():
    deployment = DeploymentFactory()
    with translation.override("en"):
        api = DeploymentSerializer(
            instance=deployment, data={"end": deployment.start.isoformat()}, partial=True
        )
        assert not api.is_valid()
        deployment.end = deployment.start
        with pytest.raises(ValidationError) as model:
            deployment.full_clean()
    assert [str(e) for e in api.errors["end"]] == [END_BEFORE_START]
    assert model.value.message_dict["end"] == [END_BEFORE_START]


def test_a_failure_period_ending_before_it_starts_is_refused_on_its_end_by_the_model():
    failure = FailureFactory()
    failure.end, failure.start = failure.start, failure.end
    with translation.override("en"), pytest.raises(ValidationError) as model:
        failure.full_clean()
    assert model.value.message_dict["end"] == [END_BEFORE_START]


def test_the_last_day_of_a_period_counts_alike_in_the_list_the_statistics_and_both_exports():
    """One period filter (statistics.in_period): 30 April 23:59 is in a period ending on 30 April,
    1 May 00:00 (Belgian time) is not, whichever page or export asks."""
    import io
    import zipfile
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from rest_framework.test import APIClient

    from tests.monitoring.factories import T0, ObservationFactory, ecologist

    brussels = ZoneInfo("Europe/Brussels")
    deployment = DeploymentFactory(start=T0 - timedelta(days=2), structure__slug="n16")
    for moment in (datetime(2025, 4, 30, 23, 59, tzinfo=brussels), datetime(2025, 5, 1, tzinfo=brussels)):
        ObservationFactory(deployment=deployment, timestamp=moment)
    api = APIClient()
    api.force_authenticate(ecologist())
    base, period = "/api/v1/monitoring", {"structure": "n16", "date_to": "2025-04-30"}

    listed = api.get(f"{base}/observations/", period).json()["count"]
    events = api.get(f"{base}/statistics/", period).json()["events"]
    camtrap = zipfile.ZipFile(io.BytesIO(api.get(f"{base}/exports/camtrap-dp/", period).getvalue()))
    dwc = zipfile.ZipFile(io.BytesIO(api.get(f"{base}/exports/dwc-archive/", period).getvalue()))

    rows = {
        "list": listed,
        "statistics": events,
        "camtrap": camtrap.read("observations.csv").decode().count("\n") - 1,
        "dwc": dwc.read("occurrence.txt").decode().strip().count("\n"),
    }
    assert rows == {"list": 1, "statistics": 1, "camtrap": 1, "dwc": 1}


def test_one_sighting_saved_through_the_form_the_api_and_a_csv_file_keeps_every_recorded_field():
    """One field list (models.RECORDED_FIELDS) for the form's service, the API and the CSV import."""
    from datetime import timedelta

    from rest_framework.test import APIClient

    from monitoring import services
    from monitoring.csv_import import check_csv
    from monitoring.models import RECORDED_FIELDS, Observation
    from tests.monitoring.factories import T0, ecologist, taxon

    user, moment = ecologist(), T0 + timedelta(hours=3)
    fox = taxon("Vulpes vulpes")
    given = {
        "count": 2,
        "direction": "b_to_a",
        "outcome": "turned_back",
        "life_stage": "juvenile",
        "sex": "female",
        "identified_by": "Jan",
        "comments": "wet fur",
    }
    by_form = DeploymentFactory(start=T0, end=T0 + timedelta(days=7))
    services.create_observation(
        user=user, deployment=by_form, data={"taxon": fox, "timestamp": moment, **given}
    )
    by_api = DeploymentFactory(start=T0, end=T0 + timedelta(days=7))
    api = APIClient()
    api.force_authenticate(user)
    posted = api.post(
        "/api/v1/monitoring/observations/",
        {"deployment": by_api.pk, "taxon": "Vulpes vulpes", "timestamp": moment.isoformat(), **given},
        format="json",
    )
    assert posted.status_code == 201, posted.content
    by_csv = DeploymentFactory(start=T0, end=T0 + timedelta(days=7))
    header = ",".join(["timestamp", "species", *given])
    line = ",".join([moment.isoformat(), "Vulpes vulpes", *map(str, given.values())])
    check = check_csv(text=f"{header}\n{line}\n", deployment=by_csv)
    assert check.ok, check.errors
    services.save_csv(user=user, deployment=by_csv, check=check)

    saved = {
        o.deployment_id: tuple(getattr(o, name) for name in RECORDED_FIELDS)
        for o in Observation.objects.all()
    }
    expected = (fox, moment, *given.values())
    assert saved == {by_form.pk: expected, by_api.pk: expected, by_csv.pk: expected}


# The region of a structure: services.save_structure looks it up from the location on every path.
BOOM = {"latitude": "51.0875", "longitude": "4.3665"}  # rupel-zenne-dijle
TURNHOUT = {"latitude": "51.3227", "longitude": "4.9447"}  # turnhoutse-kempen
BRUSSELS = {"latitude": "50.85", "longitude": "4.35"}  # outside the province


def _structure(slug: str):
    from monitoring.models import Structure

    return Structure.objects.select_related("region").get(slug=slug)


def test_a_structure_added_and_moved_through_the_api_gets_the_region_of_its_location(regions):
    from rest_framework.test import APIClient

    from tests.monitoring.factories import ecologist

    api = APIClient()
    api.force_authenticate(ecologist())
    base = "/api/v1/monitoring/structures/"
    fields = {"slug": "api-tunnel", "name": "API tunnel", "structure_type": "fauna_tunnel", "crosses": "road"}
    created = api.post(base, {**fields, **BOOM}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["region"] == "rupel-zenne-dijle"
    assert _structure("api-tunnel").region.slug == "rupel-zenne-dijle"

    moved = api.patch(f"{base}api-tunnel/", TURNHOUT, format="json")
    assert moved.status_code == 200 and moved.json()["region"] == "turnhoutse-kempen"
    assert _structure("api-tunnel").region.slug == "turnhoutse-kempen"
    outside = api.put(f"{base}api-tunnel/", {**fields, **BRUSSELS}, format="json")
    assert outside.status_code == 200 and outside.json()["region"] is None
    assert _structure("api-tunnel").region is None


def test_a_structure_added_and_moved_in_the_admin_gets_the_region_of_its_location(client, regions):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    form = {
        "slug": "admin-tunnel",
        "name": "Admin tunnel",
        "structure_type": "fauna_tunnel",
        "crosses": "road",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    added = client.post("/admin/monitoring/structure/add/", {**form, **BOOM})
    assert added.status_code == 302, added.context["adminform"].form.errors if added.context else added
    structure = _structure("admin-tunnel")
    assert structure.region.slug == "rupel-zenne-dijle"

    changed = client.post(f"/admin/monitoring/structure/{structure.pk}/change/", {**form, **TURNHOUT})
    assert changed.status_code == 302
    assert _structure("admin-tunnel").region.slug == "turnhoutse-kempen"


def test_a_structure_moved_on_its_edit_page_gets_the_region_of_its_new_location(client, regions):
    from django.urls import reverse

    from tests.monitoring.factories import StructureFactory, ecologist

    StructureFactory(slug="page-tunnel", latitude=51.0875, longitude=4.3665)
    assert _structure("page-tunnel").region.slug == "rupel-zenne-dijle"
    client.force_login(ecologist())
    fields = {"name": "Page tunnel", "slug": "page-tunnel", "structure_type": "fauna_tunnel"}
    fields["crosses"] = "road"
    edit = reverse("monitoring:structure-edit", kwargs={"slug": "page-tunnel"})
    assert client.post(edit, {**fields, **TURNHOUT}).status_code == 302
    assert _structure("page-tunnel").region.slug == "turnhoutse-kempen"
    assert client.post(edit, {**fields, **BRUSSELS}).status_code == 302
    assert _structure("page-tunnel").region is None


def test_a_structure_made_by_a_camtrap_import_gets_the_region_of_its_location(regions):
    import csv
    import io

    from monitoring import camtrap
    from monitoring.models import Structure
    from tests.monitoring.camtrap_validation import EXAMPLE

    files = camtrap.read_package(EXAMPLE)
    rows = list(csv.DictReader(io.StringIO(files["deployments.csv"])))
    for row in rows:
        row.update(BOOM)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    files["deployments.csv"] = out.getvalue()
    camtrap.import_package(files=files)
    regions_of_imported = set(Structure.objects.values_list("region__slug", flat=True))
    assert regions_of_imported == {"rupel-zenne-dijle"}


def test_a_visual_count_adds_no_trap_nights_on_the_pages_the_statistics_api_and_darwin_core(client, regions):
    """One effort rule (statistics.effort_by_deployment): a camera's ten days are ten trap-nights; a
    visual count of the same ten days adds none (nobody counted all that time), so the structure page,
    the region page, the API and the archive's samplingEffort all give 10 trap-nights and one event
    per 10 trap-nights (the camera's), never 20 nor the visual count's sighting divided by them."""
    import csv
    import io
    import zipfile
    from datetime import timedelta

    from rest_framework.test import APIClient

    from monitoring.models import Deployment
    from tests.monitoring.factories import T0, ObservationFactory, StructureFactory, ecologist, taxon

    structure = StructureFactory(slug="n16", name="Faunatunnel N16", latitude=51.0875, longitude=4.3665)
    camera = DeploymentFactory(structure=structure)  # ten days
    visual = DeploymentFactory(structure=structure, method=Deployment.Method.VISUAL)  # the same ten days
    ObservationFactory(deployment=camera, taxon=taxon("Vulpes vulpes"))
    ObservationFactory(deployment=visual, taxon=taxon("Meles meles"), timestamp=T0 + timedelta(hours=1))

    structure_page = client.get(f"/en/monitoring/structures/{structure.slug}/").content.decode()
    region_page = client.get(f"/en/regions/{structure.region.slug}/").content.decode()
    api = APIClient()
    stats = api.get("/api/v1/monitoring/statistics/", {"structure": "n16"}).json()
    api.force_authenticate(ecologist())
    response = api.get("/api/v1/monitoring/exports/dwc-archive/", {"structure": "n16"})
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    rows = csv.DictReader(io.StringIO(archive.read("occurrence.txt").decode()), delimiter="\t")
    effort = {r["samplingProtocol"]: r["samplingEffort"] for r in rows}

    assert "<strong>10.0</strong> trap-nights of effort" in structure_page
    assert "<strong>10.0</strong> events per 100 trap-nights" in structure_page
    assert "10.0 visits per 100 nights of watching" in region_page
    assert (stats["trap_nights"], stats["deployments"], stats["events"], stats["rate"]) == (10, 2, 2, 10.0)
    by_species = {s["scientific_name"]: s["rate"] for s in stats["species"]}
    assert by_species == {"Vulpes vulpes": 10.0, "Meles meles": 0.0}
    assert effort == {"camera trap": "10.0 trap-nights", "visual count": ""}
