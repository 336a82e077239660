"""Factories shared by every app's tests: one kind of user, with the groups a test asks for."""

import factory
from django.contrib.auth.models import Group, User

PASSWORD = "secret-pass-123"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a known password (``PASSWORD``); ``groups=["organisers"]`` puts them in groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in extracted))
