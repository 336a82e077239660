"""Smaller sizes of a project picture, made once with Pillow when the picture changes."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# field name -> longest side in pixels, largest first: each is made from the one before.
SIZES = {"image_large": 1200, "image_card": 600}


def _rgb(img: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent parts become white instead of black."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def make_renditions(photo) -> list[str]:
    """Fill the photo's rendition fields from its image; returns the file names no longer used."""
    replaced = [getattr(photo, field).name for field in SIZES if getattr(photo, field).name]
    largest = max(SIZES.values())
    photo.image.open("rb")
    try:
        with Image.open(photo.image) as original:
            original.draft("RGB", (largest, largest))
            original.thumbnail((largest, largest), Image.Resampling.LANCZOS, reducing_gap=3.0)
            img = _rgb(ImageOps.exif_transpose(original))
    finally:
        photo.image.close()
    stem = PurePosixPath(photo.image.name).stem
    for field, longest in SIZES.items():
        img.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        out = BytesIO()
        img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
        getattr(photo, field).save(f"{stem}-{longest}.jpg", ContentFile(out.getvalue()), save=False)
    photo.renditions_of = photo.image.name
    return replaced
