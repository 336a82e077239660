"""Uploads served back: the type comes from the bytes, never from the client's name or content type.

The hostile file of the issue is a real PNG with HTML in a text chunk, named ``badger.html`` and sent
as ``text/html``: it must be stored as ``.png`` and served as ``image/png`` with ``nosniff``;
anything that is not a picture or a PDF is only ever a download.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image, PngImagePlugin

from advice.models import Attachment
from meetings.models import MeetingDocument
from monitoring.models import Media, StructurePhoto
from monitoring.services import create_observation
from portal.files import detect_format, name_with_extension
from projects.models import Photo
from tests.advice.factories import AdviceRequestFactory, pdf
from tests.landscapes.factories import RegionFactory, SpeciesFactory
from tests.meetings.factories import MeetingFactory
from tests.monitoring.factories import T0, DeploymentFactory, StructureFactory, ecologist, taxon
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"


def badger(name: str = "badger.html", content_type: str = "text/html") -> SimpleUploadedFile:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 60, 30)).save(buffer, "PNG", pnginfo=info)
    assert SCRIPT in buffer.getvalue()
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def _served_as_png(response) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "html" not in response.get("Content-Disposition", "")


def test_a_camera_picture_named_html_is_stored_and_served_as_png(client):
    eco = ecologist()
    deployment = DeploymentFactory()
    observation = create_observation(
        user=eco,
        deployment=deployment,
        data={"taxon": taxon("Meles meles"), "timestamp": T0 + timedelta(hours=1), "count": 1},
        photo=badger(),
    )
    media = observation.media
    assert media.file.name.endswith(".png") and ".html" not in media.file.name
    client.force_login(eco)
    _served_as_png(client.get(f"/monitoring/media/{media.pk}/"))
    # once confirmed, anonymous visitors get the picture too: as a picture
    _served_as_png(Client().get(f"/monitoring/media/{media.pk}/"))


def test_a_stored_media_type_from_the_client_is_not_what_is_served(client):
    """The type the camera package or the admin stored is not trusted either: the bytes decide."""
    eco = ecologist()
    name = default_storage.save("monitoring/media/legacy.html", ContentFile(badger().read()))
    media = Media.objects.create(
        deployment=DeploymentFactory(), timestamp=T0, file=name, mediatype="text/html", file_name="x.html"
    )
    client.force_login(eco)
    _served_as_png(client.get(f"/monitoring/media/{media.pk}/"))


def test_a_stored_file_that_is_no_picture_is_only_a_download(client):
    eco = ecologist()
    name = default_storage.save("monitoring/media/page.html", ContentFile(SCRIPT))
    media = Media.objects.create(
        deployment=DeploymentFactory(), timestamp=T0, file=name, mediatype="image/jpeg", file_name="p.jpg"
    )
    client.force_login(eco)
    response = client.get(f"/monitoring/media/{media.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_meeting_document_is_served_as_what_it_is(client):
    meeting = MeetingFactory(report_published=True, starts_at=timezone.now() - timedelta(days=2))
    document = MeetingDocument.objects.create(meeting=meeting, title="Verslag", file=pdf("verslag.html"))
    assert document.file.name.endswith(".pdf")
    response = client.get(f"/meetings/documents/{document.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    legacy = MeetingDocument.objects.create(meeting=meeting, title="Oud", file=pdf())
    default_storage.delete(legacy.file.name)
    default_storage.save(legacy.file.name, ContentFile(SCRIPT))
    response = client.get(f"/meetings/documents/{legacy.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_an_advice_photo_named_html_is_stored_and_served_as_png(client):
    advice_request = AdviceRequestFactory()
    attachment = Attachment.objects.create(
        request=advice_request, kind=Attachment.Kind.PHOTO, file=badger(), original_name="badger.html"
    )
    assert attachment.file.name.endswith(".png")
    response = client.get(f"/advice/request/{advice_request.token}/files/{attachment.pk}/")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="badger.png"' in response["Content-Disposition"]


@pytest.mark.parametrize("kind", ["structure", "project", "region", "species"])
def test_public_pictures_are_stored_under_the_extension_of_their_format(kind):
    """Public pictures are served by the web server by their extension: it must be the real one."""
    if kind == "structure":
        stored = StructurePhoto.objects.create(structure=StructureFactory(), image=badger()).image
    elif kind == "project":
        stored = Photo.objects.create(
            project=ProjectFactory(), moment="after", image=badger(), credit="X", alt_nl="a", alt_en="a"
        ).image
    elif kind == "region":
        region = RegionFactory()
        region.image = badger()
        region.save()
        stored = region.image
    else:
        stored = SpeciesFactory(photo=badger()).photo
    assert stored.name.endswith(".png"), stored.name


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("badger.html", ".png", "badger.png"),
        ("a/b/c.tar.gz", ".pdf", "a/b/c.tar.pdf"),
        ("noext", ".jpg", "noext.jpg"),
        (".htaccess", ".bin", ".htaccess.bin"),
    ],
)
def test_name_with_extension(name, extension, expected):
    assert name_with_extension(name, extension) == expected


def test_detect_format_keeps_the_position():
    upload = badger()
    upload.seek(3)
    assert detect_format(upload).mediatype == "image/png"
    assert upload.tell() == 3
