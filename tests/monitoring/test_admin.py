"""The observation admin reviews through services.review_observation, as the API does."""

import pytest

from monitoring.models import Observation
from tests.admin_checks import change_form_data
from tests.monitoring.factories import DeploymentFactory, ObservationFactory, ecologist, student, taxon

pytestmark = pytest.mark.django_db


def _staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_an_observation_reviewed_in_the_admin_names_its_reviewer(client):
    observation = ObservationFactory(review_status=Observation.Status.TO_CHECK)
    reviewer = _staff(ecologist())
    client.force_login(reviewer)
    url = f"/admin/monitoring/observation/{observation.pk}/change/"
    response = client.post(url, change_form_data(client, url, review_status="rejected"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    observation.refresh_from_db()
    assert observation.review_status == Observation.Status.REJECTED
    assert observation.reviewed_by == reviewer and observation.reviewed_at is not None


def test_a_student_adding_an_observation_in_the_admin_cannot_confirm_it(client):
    """Only ecologists review: what a student enters waits for review, as on the recording page."""
    deployment = DeploymentFactory()
    client.force_login(_staff(student()))
    url = "/admin/monitoring/observation/add/"
    data = change_form_data(
        client,
        url,
        deployment=str(deployment.pk),
        taxon=str(taxon("Vulpes vulpes").pk),
        timestamp_0="2025-05-02",
        timestamp_1="21:00",
        review_status="confirmed",
    )
    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    observation = Observation.objects.get(deployment=deployment)
    assert observation.review_status == Observation.Status.TO_CHECK and observation.reviewed_by is None
