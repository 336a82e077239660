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
