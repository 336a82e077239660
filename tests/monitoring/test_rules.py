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
    camtrap = zipfile.ZipFile(io.BytesIO(api.get(f"{base}/exports/camtrap-dp/", period).content))
    dwc = zipfile.ZipFile(io.BytesIO(api.get(f"{base}/exports/dwc-archive/", period).content))

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
