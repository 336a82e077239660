"""Renditions of a region's typical image: made once with Pillow when the image changes."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# field name -> longest side in pixels, largest first: each is made from the one before.
SIZES = {"image_wide": 1600, "image_card": 800, "image_thumb": 400}


def _jpeg(img: Image.Image) -> bytes:
    out = BytesIO()
    img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def _flatten(img: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent parts become white instead of black."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def make_renditions(region) -> list[str]:
    """Fill the region's rendition fields from its image (empty when it has none).

    Returns the names of the files that are no longer used (old renditions and the old original),
    for the caller to delete once the change is committed.
    """
    replaced = [getattr(region, field).name for field in SIZES if getattr(region, field).name]
    if region.renditions_of and region.renditions_of != region.image.name:
        replaced.append(region.renditions_of)
    for field in SIZES:
        setattr(region, field, "")
    region.renditions_of = ""
    if not region.image:
        return replaced
    largest = max(SIZES.values())
    region.image.open("rb")
    try:
        with Image.open(region.image) as original:
            original.draft("RGB", (largest, largest))  # JPEG: decode at a reduced size
            original.thumbnail((largest, largest), Image.Resampling.LANCZOS, reducing_gap=3.0)
            img = _flatten(ImageOps.exif_transpose(original))
    finally:
        region.image.close()
    stem = PurePosixPath(region.image.name).stem
    for field, longest in SIZES.items():
        img.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        getattr(region, field).save(
            f"{region.slug}-{stem}-{longest}.jpg", ContentFile(_jpeg(img)), save=False
        )
    region.renditions_of = region.image.name
    return replaced
