"""The typical image: checked uploads, renditions made once."""

import json
import os
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from landscapes.models import Region
from landscapes.services import save_region
from portal.validators import validate_image_upload
from tests.landscapes.factories import RegionFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def jpeg(width=3000, height=2000, color=(40, 120, 60)) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), color).save(out, "JPEG")
    return out.getvalue()


def test_saving_an_image_makes_three_renditions_once():
    region = RegionFactory()
    region.image.save("large.jpg", SimpleUploadedFile("large.jpg", jpeg()), save=False)
    save_region(region=region)
    region.refresh_from_db()
    sizes = {}
    for field in ("image_thumb", "image_card", "image_wide"):
        with Image.open(getattr(region, field).path) as img:
            sizes[field] = img.size
    assert {field: width for field, (width, _) in sizes.items()} == {
        "image_thumb": 400,
        "image_card": 800,
        "image_wide": 1600,
    }
    assert all(abs(height - width * 2 / 3) <= 1 for width, height in sizes.values())
    first = region.image_card.name
    region.short_description_nl = "Nieuwe tekst"
    save_region(region=region)
    region.refresh_from_db()
    assert region.image_card.name == first  # not made again


def test_a_new_image_replaces_the_renditions():
    region = RegionFactory()
    region.image.save("a.jpg", SimpleUploadedFile("a.jpg", jpeg()), save=False)
    save_region(region=region)
    old = region.image_card.path
    region.image.save("b.jpg", SimpleUploadedFile("b.jpg", jpeg(color=(200, 0, 0))), save=False)
    save_region(region=region)
    region.refresh_from_db()
    with Image.open(region.image_card.path) as img:
        assert img.getpixel((10, 10))[0] > 150
    assert region.image_card.path != old


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"this is text, not a picture", "not an image"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "not an image"),
    ],
)
def test_files_that_are_not_images_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_image_upload(SimpleUploadedFile(name, content))


def test_a_gif_is_refused_with_the_formats_named():
    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        validate_image_upload(SimpleUploadedFile("anim.gif", out.getvalue()))


def test_a_too_large_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (1024 * 1024 + 10))
    with pytest.raises(ValidationError, match="largest allowed is 1.0"):
        validate_image_upload(big)


def test_admin_upload_of_a_non_image_re_renders_the_form_with_a_message(client):
    region = RegionFactory(slug="zuiderkempen")
    staff = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-12345-abc")
    client.force_login(staff)
    url = f"/admin/landscapes/region/{region.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("image", "brochure")}
    data.update(
        {
            "landscape_types": [],
            "boundary": json.dumps(square(4.4, 51.1)),
            "image": SimpleUploadedFile("evil.jpg", b"<?php echo 1; ?>", content_type="image/jpeg"),
        }
    )
    for prefix in ("municipalities", "species_needs", "region_measures"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image"]
    assert str(errors["image"][0]) in response.content.decode()
    assert not Region.objects.get(pk=region.pk).image


def png_with_transparency() -> bytes:
    out = BytesIO()
    img = Image.new("RGBA", (1200, 800), (0, 0, 0, 0))
    img.paste((30, 120, 60, 255), (0, 0, 300, 800))
    img.save(out, "PNG")
    return out.getvalue()


def test_transparent_parts_become_white_not_black():
    region = RegionFactory()
    region.image.save("logo.png", SimpleUploadedFile("logo.png", png_with_transparency()), save=False)
    save_region(region=region)
    with Image.open(region.image_card.path) as img:
        assert img.getpixel((700, 200))[0] > 240  # transparent area
        assert img.getpixel((20, 200))[1] > 100  # the painted band keeps its colour


@pytest.mark.django_db(transaction=True)
def test_clearing_the_image_empties_the_renditions_and_removes_the_files(client):
    region = RegionFactory(slug="zuiderkempen")
    region.image.save("a.jpg", SimpleUploadedFile("a.jpg", jpeg()), save=False)
    save_region(region=region)
    region.refresh_from_db()
    paths = [region.image.path, region.image_card.path, region.image_thumb.path, region.image_wide.path]
    region.image = ""
    save_region(region=region)
    region.refresh_from_db()
    assert not region.image and not region.image_card and not region.image_thumb and not region.image_wide
    assert not any(os.path.exists(p) for p in paths)
    page = client.get(region.get_absolute_url()).content.decode()
    assert "renditions" not in page  # no link to a file that is gone


@pytest.mark.django_db(transaction=True)
def test_replacing_the_image_removes_the_old_files():
    region = RegionFactory()
    region.image.save("a.jpg", SimpleUploadedFile("a.jpg", jpeg()), save=False)
    save_region(region=region)
    region.refresh_from_db()
    old = [region.image.path, region.image_card.path]
    region.image.save("b.jpg", SimpleUploadedFile("b.jpg", jpeg()), save=False)
    save_region(region=region)
    region.refresh_from_db()
    assert not any(os.path.exists(p) for p in old)
    assert os.path.exists(region.image.path) and os.path.exists(region.image_card.path)
