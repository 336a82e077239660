"""The brochure download: the official PDF when there is one, else a rendered one, cached."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from landscapes import brochures
from landscapes.models import RegionMeasure, SpeciesNeed
from portal.validators import validate_pdf_upload
from tests.landscapes.factories import MeasureFactory, SpeciesFactory
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def download(client, region, prefix=""):
    response = client.get(f"{prefix}/regions/{region.slug}/brochure.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content), response


@pytest.fixture
def region(regions):
    region = regions["rupel-zenne-dijle"]
    frog = SpeciesFactory(
        scientific_name="Triturus cristatus", name_nl="kamsalamander", name_en="great crested newt"
    )
    pond = MeasureFactory(slug="pond", name_nl="poel", name_en="pond")
    need = SpeciesNeed.objects.create(region=region, species=frog, breeding=True, hibernation=True)
    need.elements.set([pond])
    RegionMeasure.objects.create(region=region, measure=pond, priority=1, note_nl="In de kleiputten.")
    return region


def test_rendered_brochure_is_a_real_pdf_with_the_region_content(client, region):
    content, response = download(client, region)
    assert content.startswith(b"%PDF-")
    assert 'filename="landschapsbeeld-rupel-zenne-dijle.pdf"' in response["Content-Disposition"]
    text = pdf_text(content)
    assert "Rupel, Zenne en Dijle" in text
    assert "kamsalamander" in text and "Triturus cristatus" in text
    assert "poel" in text and "In de kleiputten." in text
    assert "Statbel" in text


def test_english_brochure(client, region):
    content, response = download(client, region, prefix="/en")
    text = pdf_text(content)
    assert "great crested newt" in text and "Plants and animals and what they need" in text
    assert "landscape-image-rupel-zenne-dijle.pdf" in response["Content-Disposition"]


def test_second_download_is_served_from_the_cache_and_a_change_renders_again(client, region, monkeypatch):
    calls = []
    real_render = brochures.render_brochure

    def counting_render(**kwargs):
        calls.append(kwargs)
        return real_render(**kwargs)

    monkeypatch.setattr(brochures, "render_brochure", counting_render)
    first, _ = download(client, region)
    second, _ = download(client, region)
    assert len(calls) == 1 and first == second
    need = region.species_needs.get()
    need.note_nl = "Heeft visvrije poelen nodig."
    need.save()
    third, _ = download(client, region)
    assert len(calls) == 2
    assert "Heeft visvrije poelen nodig." in pdf_text(third)


def official_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_official_brochure_is_served_when_uploaded(client, region):
    region.brochure.save("official.pdf", SimpleUploadedFile("official.pdf", official_pdf()), save=True)
    content, _ = download(client, region)
    assert content == official_pdf()
    generated = client.get(f"/regions/{region.slug}/brochure.pdf?version=portal")
    assert b"".join(generated.streaming_content) != content


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7 but then nothing that parses", b"GIF89a not a pdf", b"<html>phishing</html>"],
)
def test_files_that_are_not_pdfs_are_refused(content):
    with pytest.raises(ValidationError, match="not a PDF document"):
        validate_pdf_upload(SimpleUploadedFile("brochure.pdf", content))


def test_unknown_region_brochure_is_404(client, regions):
    assert client.get("/regions/atlantis/brochure.pdf").status_code == 404


def test_the_brochure_shows_the_region_image_from_storage_without_a_local_path(client, region, settings):
    """Object storage (S3) has no file paths: the rendering reads the image through the storage API."""
    from django.core.files.storage import default_storage

    from tests.landscapes.test_images import jpeg

    settings.STORAGES = settings.STORAGES | {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    }
    region.image.save("boom.jpg", SimpleUploadedFile("boom.jpg", jpeg(1200, 800)), save=True)
    assert not Path(default_storage.path(region.image.name)).exists()  # nothing on this disk

    content, _ = download(client, region)

    assert any(page.images for page in PdfReader(BytesIO(content)).pages)
    region.refresh_from_db()
    assert default_storage.exists(brochures.generated_name(region=region, language="nl"))


def test_a_download_waits_for_the_rendering_another_server_is_doing(client, region, monkeypatch):
    """Two servers asked at once: the second waits for the first one's file instead of rendering."""
    from django.core.cache import cache
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = brochures.generated_name(region=region, language="nl")
    key = f"landscapes:brochure-render:{name}"
    cache.add(key, 1, 60)  # the other server holds the lock ...
    real_sleep = brochures.time.sleep

    def other_server_finishes(seconds):
        default_storage.save(name, ContentFile(official_pdf()))  # ... and stores its rendering
        cache.delete(key)
        real_sleep(0)

    monkeypatch.setattr(brochures.time, "sleep", other_server_finishes)
    monkeypatch.setattr(brochures, "render_brochure", lambda **kw: pytest.fail("rendered a second time"))

    content, _ = download(client, region)

    assert content == official_pdf()


def test_downloaded_brochure_is_an_accessible_pdf_in_dutch(client, region):
    content, _ = download(client, region)
    assert_accessible_pdf(
        content, language="nl", title="Landschapsbeeld biodiversiteit: Rupel, Zenne en Dijle"
    )


def test_brochures_rendered_in_the_background_declare_their_own_language(region):
    """The task runs without a request (and with Dutch active): the English brochure is still English."""
    from landscapes import tasks

    assert tasks.render_brochures(region_id=region.pk) == 2
    english, dutch = _stored(region, "en"), _stored(region, "nl")
    assert_accessible_pdf(english, language="en", title="Landscape image biodiversity: Rupel")
    assert "Plants and animals and what they need" in pdf_text(english)
    assert_accessible_pdf(dutch, language="nl", title="Landschapsbeeld biodiversiteit: Rupel, Zenne en Dijle")


def _stored(region, language: str) -> bytes:
    from django.core.files.storage import default_storage

    with default_storage.open(brochures.generated_name(region=region, language=language), "rb") as fh:
        return fh.read()
