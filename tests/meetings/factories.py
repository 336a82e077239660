"""Small factories for meetings data."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from meetings.constants import ORGANISERS_GROUP
from meetings.models import AgendaItem, Meeting, Outcome, Registration, StakeholderGroup
from tests.factories import UserFactory as BaseUserFactory
from tests.landscapes.factories import RegionFactory


def stakeholder_group(code: str = "resident") -> StakeholderGroup:
    """The groups come from a data migration; get_or_create survives a transactional test's flush."""
    return StakeholderGroup.objects.get_or_create(code=code, defaults={"name_nl": code, "name_en": code})[0]


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    title_nl = factory.Sequence(lambda n: f"Overleg {n}")
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    description_nl = "We bespreken het landschapsbeeld."
    description_en = "We discuss the landscape image."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=2))
    registration_deadline = factory.LazyAttribute(lambda m: m.starts_at - timedelta(days=1))
    format = Meeting.Format.IN_PERSON
    venue_name = "Gemeentehuis"
    venue_address = "Markt 1, 2850 Boom"
    latitude = 51.0875
    longitude = 4.3665
    capacity = 20
    status = Meeting.Status.PUBLISHED

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create:
            self.regions.set(extracted or [RegionFactory()])


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    time = "19:00"
    title_nl = "Welkom"
    title_en = "Welcome"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    organisation = "Natuurpunt"
    stakeholder_group = factory.LazyFunction(stakeholder_group)
    consent_at = factory.LazyFunction(timezone.now)
    status = Registration.Status.CONFIRMED


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    meeting = factory.SubFactory(MeetingFactory)
    title_nl = factory.Sequence(lambda n: f"Plan {n}")
    title_en = factory.Sequence(lambda n: f"Plan {n}")
    description_nl = "Een haag planten langs de weg."
    description_en = "Plant a hedge along the road."
    status = Outcome.Status.PLANNED
    is_public = True


class UserFactory(BaseUserFactory):
    """A user; ``organiser=True`` puts them in the organisers group."""

    @factory.post_generation
    def organiser(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=ORGANISERS_GROUP)[0])
        if create:
            self.save()
