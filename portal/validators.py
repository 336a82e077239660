"""Checks for uploaded files: the right type, a sane size, and really an image or a PDF."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# A 40-megapixel picture is plenty for a full-width rendition and keeps decoding memory sane.
MAX_IMAGE_PIXELS = 40_000_000


def _check_size(upload: File, limit_mb: int) -> None:
    limit = limit_mb * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def validate_image_upload(upload: File) -> None:
    """A JPEG, PNG or WebP picture that Pillow can really decode, within the size limits."""
    from PIL import Image, UnidentifiedImageError

    _check_size(upload, settings.MAX_IMAGE_UPLOAD_MB)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = img.format
            width, height = img.size
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG or WebP picture."),
            code="invalid_image",
        ) from None
    finally:
        upload.seek(position)
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(
            _("Images must be JPEG, PNG or WebP; this one is %(format)s.") % {"format": fmt},
            code="invalid_image_format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image has too many pixels (%(w)s × %(h)s); keep it under 40 megapixels.")
            % {"w": width, "h": height},
            code="image_too_large",
        )


def validate_pdf_upload(upload: File) -> None:
    """A real PDF document (it parses and has pages), within the size limit."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _check_size(upload, settings.MAX_PDF_UPLOAD_MB)
    not_pdf = ValidationError(_("This file is not a PDF document."), code="invalid_pdf")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        if upload.read(5) != b"%PDF-":
            raise not_pdf
        upload.seek(0)
        pages = len(PdfReader(upload, strict=False).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AssertionError):
        raise not_pdf from None
    finally:
        upload.seek(position)
    if pages < 1:
        raise ValidationError(_("This PDF has no pages."), code="empty_pdf")
