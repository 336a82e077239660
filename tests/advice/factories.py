"""Small factories for advice data."""

import io

import factory
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from advice.constants import ECOLOGISTS_GROUP
from advice.models import AdviceRequest
from tests.factories import UserFactory
from tests.landscapes.factories import RegionFactory


def ecologist(username: str = "eco") -> User:
    """A member of the ecologists team, with a name the pages can show."""
    return UserFactory(
        username=username, first_name="Eva", last_name=f"Ecoloog-{username}", groups=[ECOLOGISTS_GROUP]
    )


class AdviceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceRequest

    name = "Jan Janssens"
    email = factory.Sequence(lambda n: f"vrager{n}@example.org")
    organisation_type = AdviceRequest.OrganisationType.FARMER
    organisation = "Hoeve Zonnedauw"
    topic = AdviceRequest.Topic.FRAGMENTATION
    description = "Een drukke weg scheidt mijn weiden van het bos."
    region = factory.SubFactory(RegionFactory)
    latitude = 51.15
    longitude = 4.45
    consent_at = factory.LazyFunction(timezone.now)
    language = "nl"


def png(name: str = "foto.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def fake_pdf(name: str = "virus.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ this is not a pdf", content_type="application/pdf")
