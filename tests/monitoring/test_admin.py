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


ADD = "/admin/monitoring/observation/add/"


def _add_data(client, deployment, **changes):
    recorded = {
        "deployment": str(deployment.pk),
        "taxon": str(taxon("Vulpes vulpes").pk),
        "timestamp_0": "2025-05-02",
        "timestamp_1": "21:00",
    }
    return change_form_data(client, ADD, **(recorded | changes))


def test_a_student_adding_an_observation_in_the_admin_cannot_confirm_it(client):
    """Only ecologists review: what a student enters waits for review, as on the recording page."""
    deployment = DeploymentFactory()
    user = _staff(student())
    deployment.assigned_students.add(user)
    client.force_login(user)
    response = client.post(ADD, _add_data(client, deployment, review_status="confirmed"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    observation = Observation.objects.get(deployment=deployment)
    assert observation.review_status == Observation.Status.TO_CHECK and observation.reviewed_by is None
    assert observation.created_by == user


def test_an_observation_added_in_the_admin_is_recorded_as_on_the_recording_page(client):
    """services.create_observation: the admin user entered it, an ecologist's record is confirmed,
    and an empty "identified by" is the person who entered it."""
    deployment = DeploymentFactory()
    user = _staff(ecologist())
    user.first_name, user.last_name = "An", "Peeters"
    user.save()
    client.force_login(user)
    response = client.post(ADD, _add_data(client, deployment, count="3", identified_by=""))

    assert response.status_code == 302, response.context["adminform"].form.errors
    observation = Observation.objects.get(deployment=deployment)
    assert (observation.created_by, observation.review_status) == (user, Observation.Status.CONFIRMED)
    assert (observation.count, observation.identified_by, observation.level) == (3, "An Peeters", "event")


def test_the_admin_refuses_an_observation_the_recording_page_refuses(client):
    """A student records only at their deployments, within its start and end, with its own files;
    the refusals show on the form and nothing is saved."""
    from monitoring.models import Media

    deployment = DeploymentFactory()
    user = _staff(student())
    client.force_login(user)

    not_assigned = client.post(ADD, _add_data(client, deployment))
    assert not_assigned.context["adminform"].form.errors["deployment"] == [
        "Je bent niet aan deze plaatsing toegewezen."
    ]
    deployment.assigned_students.add(user)
    too_late = client.post(ADD, _add_data(client, deployment, timestamp_0="2025-06-02"))
    assert too_late.context["adminform"].form.errors["timestamp"] == [
        "De tijd valt buiten het begin en einde van de plaatsing."
    ]
    elsewhere = Media.objects.create(deployment=DeploymentFactory(), timestamp=deployment.start)
    other_file = client.post(ADD, _add_data(client, deployment, media=str(elsewhere.pk)))
    assert other_file.context["adminform"].form.errors["media"] == [
        "Dit bestand hoort bij een andere plaatsing."
    ]
    assert not Observation.objects.exists()


def test_the_admins_add_page_asks_for_the_recorded_fields(client):
    """Who entered it, its review and its level come from services.create_observation."""
    from monitoring.models import RECORDED_FIELDS

    client.force_login(_staff(ecologist()))
    form = client.get(ADD).context["adminform"].form
    assert set(form.fields) == {"deployment", *RECORDED_FIELDS, "media"}


def test_a_student_picks_the_species_from_a_list_on_the_admins_add_page(client):
    """Students have no permission to view the taxon list in the admin, so a search widget that asks
    the admin for it finds nothing; the add page lists the species itself."""
    deployment = DeploymentFactory()
    user = _staff(student())
    deployment.assigned_students.add(user)
    client.force_login(user)
    html = client.get(ADD).content.decode()

    fox = taxon("Vulpes vulpes")
    assert f'<option value="{fox.pk}">{fox}</option>' in html
    assert "/admin/autocomplete/" not in html


@pytest.mark.parametrize("value", ["abc", "1.5", "999999", "-1"])
def test_an_unknown_species_is_refused_on_the_admins_add_page(client, value):
    """A field error on the page, not a server error; nothing is saved."""
    deployment = DeploymentFactory()
    client.force_login(_staff(ecologist()))
    response = client.post(ADD, _add_data(client, deployment, taxon=value))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["taxon"] == [
        "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
    ]
    assert not Observation.objects.exists()


def test_an_unknown_species_is_refused_on_the_admins_change_page(client):
    observation = ObservationFactory()
    client.force_login(_staff(ecologist()))
    url = f"/admin/monitoring/observation/{observation.pk}/change/"
    response = client.post(url, change_form_data(client, url, taxon="abc"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["taxon"]


def test_staff_outside_the_monitoring_team_are_told_who_records_observations(client):
    """Someone given only the admin's add permission, neither ecologist nor student, is not told they
    lack an assignment (no assignment would help): only the monitoring team records."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    deployment = DeploymentFactory()
    user = _staff(UserFactory(username="kantoor"))
    user.user_permissions.add(Permission.objects.get(codename="add_observation"))
    client.force_login(user)
    response = client.post(ADD, _add_data(client, deployment))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["deployment"] == [
        "Alleen ecologen en studenten voeren waarnemingen in."
    ]
    assert not Observation.objects.exists()
