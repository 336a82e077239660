"""Small factories for monitoring data."""

from datetime import UTC, datetime, timedelta

import factory
from django.contrib.auth.models import Group, User

from monitoring import services
from monitoring.constants import ECOLOGISTS, STUDENTS
from monitoring.models import Deployment, DeploymentFailure, Observation, Structure, Taxon
from tests.factories import UserFactory

T0 = datetime(2025, 5, 1, 20, 0, tzinfo=UTC)


def taxon(scientific_name: str) -> Taxon:
    """A taxon of the shipped list (seeded by the migration)."""
    return Taxon.objects.get(scientific_name=scientific_name)


def ecologist(username: str = "eco") -> User:
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=ECOLOGISTS)[0])
    return user


def student(username: str = "stud") -> User:
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get_or_create(name=STUDENTS)[0])
    return user


class StructureFactory(factory.django.DjangoModelFactory):
    """A structure stored as every path stores one: through ``services.save_structure`` (its region)."""

    class Meta:
        model = Structure

    slug = factory.Sequence(lambda n: f"tunnel-{n}")
    name = factory.Sequence(lambda n: f"Faunatunnel {n}")
    structure_type = Structure.Type.FAUNA_TUNNEL
    latitude = 51.0875
    longitude = 4.3665
    crosses = Structure.Crosses.ROAD
    crosses_name = "A12"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = model_class.objects.filter(slug=kwargs["slug"]).first()
        return existing or services.save_structure(structure=model_class(*args, **kwargs))


class DeploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deployment
        skip_postgeneration_save = True

    structure = factory.SubFactory(StructureFactory)
    code = factory.Sequence(lambda n: f"dep-{n}")
    method = Deployment.Method.CAMERA
    position = Deployment.Position.INSIDE
    start = T0
    end = factory.LazyAttribute(lambda o: o.start + timedelta(days=10))
    camera_model = "Reconyx HF2X"


class FailureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeploymentFailure

    deployment = factory.SubFactory(DeploymentFactory)
    start = T0
    end = factory.LazyAttribute(lambda o: o.start + timedelta(days=1))


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    deployment = factory.SubFactory(DeploymentFactory)
    taxon = factory.LazyFunction(lambda: taxon("Vulpes vulpes"))
    timestamp = T0
    count = 1
    outcome = Observation.Outcome.CROSSING
    direction = Observation.Direction.A_TO_B
    review_status = Observation.Status.CONFIRMED
