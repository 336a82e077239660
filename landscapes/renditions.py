"""Renditions of a region's typical image: made once with Pillow when the image changes."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# field name -> longest side in pixels
SIZES = {"image_thumb": 400, "image_card": 800, "image_wide": 1600}


def _render(original: Image.Image, longest: int) -> bytes:
    img = original.copy()
    img.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    out = BytesIO()
    img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def make_renditions(region) -> None:
    """Fill the region's rendition fields from its image (or clear them when it has none)."""
    for field in SIZES:
        getattr(region, field).delete(save=False)
    if not region.image:
        region.renditions_of = ""
        return
    region.image.open("rb")
    try:
        with Image.open(region.image) as img:
            img.draft("RGB", (max(SIZES.values()), max(SIZES.values())))
            img = ImageOps.exif_transpose(img).convert("RGB")
            stem = PurePosixPath(region.image.name).stem
            for field, longest in SIZES.items():
                name = f"{region.slug}-{stem}-{longest}.jpg"
                getattr(region, field).save(name, ContentFile(_render(img, longest)), save=False)
    finally:
        region.image.close()
    region.renditions_of = region.image.name
