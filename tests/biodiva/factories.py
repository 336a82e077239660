"""Small factories for BIODIVA data."""

import factory

from biodiva.models import Choice, Company, Question, QuestionnaireVersion, Scan, Site, Theme
from tests.factories import UserFactory

BOOM = {"longitude": 4.3665, "latitude": 51.0875}


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Bedrijf {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Vestiging {n}")
    address = "Kerkstraat 1, 2850 Boom"
    latitude = BOOM["latitude"]
    longitude = BOOM["longitude"]
    surface_m2 = 8000
    sector = Site.Sector.LOGISTICS
    activity = Site.Activity.WAREHOUSE


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionnaireVersion

    number = factory.Sequence(lambda n: n + 100)
    published = True


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    version = factory.SubFactory(VersionFactory)
    code = factory.Sequence(lambda n: f"theme{n}")
    position = factory.Sequence(lambda n: n)
    name_nl = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    weight = 1


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    theme = factory.SubFactory(ThemeFactory)
    code = factory.Sequence(lambda n: f"q{n}")
    position = factory.Sequence(lambda n: n)
    kind = Question.Kind.YES_NO
    text_nl = factory.Sequence(lambda n: f"Vraag {n}?")
    text_en = factory.Sequence(lambda n: f"Question {n}?")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=Question.Kind.SINGLE)
    code = factory.Sequence(lambda n: f"c{n}")
    label_nl = factory.Sequence(lambda n: f"keuze {n}")
    label_en = factory.Sequence(lambda n: f"choice {n}")
    score = 1


class ScanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scan

    site = factory.SubFactory(SiteFactory)
    version = factory.SubFactory(VersionFactory)


def trained_advisor(username: str = "adviseur"):
    """A user in the trained-advisors group (made by the app's data migration)."""
    from django.contrib.auth.models import Group

    from biodiva.constants import ADVISORS_GROUP

    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=ADVISORS_GROUP))
    return user
