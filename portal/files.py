"""Uploaded files: what they really are, how they are stored and served, and removed when the rows
that name them are rolled back."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.core.files import File
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.http import FileResponse


@contextmanager
def files_removed_on_error() -> Iterator[list[FieldFile]]:
    """Collects the files saved in the block (append each ``FieldFile``); if the block raises, they
    are deleted from storage, so no file stays behind that no row names."""
    saved: list[FieldFile] = []
    try:
        yield saved
    except BaseException:
        for file in saved:
            if file.name:
                file.storage.delete(file.name)
        raise


# Uploaded files served back -------------------------------------------------------------------------
#
# What a file is comes from its bytes (Pillow for pictures, the PDF header that pypdf checked at
# upload), never from the name or the content type the client sent: a picture named badger.html,
# sent as text/html, is stored as .png and served as image/png. Served uploads also carry
# ``X-Content-Type-Options: nosniff``, and anything that is not a picture or a PDF is a download.


@dataclass(frozen=True)
class DetectedFormat:
    mediatype: str
    extension: str
    # Pictures and PDFs may be shown in the browser; anything else is only ever downloaded.
    inline: bool


SAFE_IMAGE_FORMATS = {
    "JPEG": DetectedFormat("image/jpeg", ".jpg", True),
    "PNG": DetectedFormat("image/png", ".png", True),
    "WEBP": DetectedFormat("image/webp", ".webp", True),
    "GIF": DetectedFormat("image/gif", ".gif", True),
}
PDF = DetectedFormat("application/pdf", ".pdf", True)
UNKNOWN = DetectedFormat("application/octet-stream", ".bin", False)


def detect_format(file: IO[bytes] | File) -> DetectedFormat:
    """The format the bytes of an open file really have (the position is kept)."""
    from PIL import Image, UnidentifiedImageError

    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        if file.read(5) == b"%PDF-":
            return PDF
        file.seek(0)
        try:
            with Image.open(file) as image:
                return SAFE_IMAGE_FORMATS.get(image.format or "", UNKNOWN)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return UNKNOWN
    finally:
        file.seek(position)


def name_with_extension(name: str, extension: str) -> str:
    """``name`` with its extension (if any) replaced: ``badger.html`` → ``badger.png``."""
    directory, _, base = name.rpartition("/")
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = stem or "file"
    return f"{directory}/{stem}{extension}" if directory else f"{stem}{extension}"


class _DetectedNameMixin:
    def save(self, name, content, save=True):  # type: ignore[no-untyped-def]
        super().save(name_with_extension(name, detect_format(content).extension), content, save)  # type: ignore[misc]


class DetectedFieldFile(_DetectedNameMixin, FieldFile):
    """A stored file whose extension is that of its detected format."""


class DetectedImageFieldFile(_DetectedNameMixin, ImageFieldFile):
    """A stored picture whose extension is that of its detected format."""


class UploadFileField(models.FileField):
    """A FileField that stores every file under the extension of its detected format, so the name
    the client chose never decides how a web server or a browser treats it. Migrations see a
    plain FileField."""

    attr_class = DetectedFieldFile

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


class UploadImageField(models.ImageField):
    """An ImageField that stores every picture under the extension of its detected format."""

    attr_class = DetectedImageFieldFile

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def upload_response(file: FieldFile, *, filename: str = "", as_attachment: bool = False) -> FileResponse:
    """Serve a stored upload with the media type of what it really is, ``nosniff``, and as a
    download unless it is a picture or a PDF. ``filename`` is the name offered to the browser
    (its extension is replaced by the detected one)."""
    handle = file.open("rb")
    detected = detect_format(handle)
    name = name_with_extension(filename or (file.name or "").rsplit("/", 1)[-1], detected.extension)
    response = FileResponse(
        handle,
        content_type=detected.mediatype,
        as_attachment=as_attachment or not detected.inline,
        filename=name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
