"""Writes of the monitoring app: recording, reviewing and uploading, each checked and atomic."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from landscapes.selectors import region_for_point
from portal.dates import validate_moment
from portal.files import files_removed_on_error
from portal.validators import validate_image_upload

from . import bulk
from .csv_import import CsvCheck, drop_duplicates
from .models import RECORDED_FIELDS, Deployment, DeploymentFailure, Media, Observation, Structure, Taxon
from .permissions import can_record, is_ecologist, is_student

OBSERVATION_FIELDS = (*RECORDED_FIELDS, "media")


def save_structure(*, structure: Structure) -> Structure:
    """Store the structure with the region its location lies in (none outside the province).

    Every write goes through here: the structure page, the API, the admin, the demo loader and the
    Camtrap DP import; moving a structure moves it to the region of its new location.
    """
    structure.region = region_for_point(lon=structure.longitude, lat=structure.latitude)
    structure.save()
    return structure


def _image_type(upload: UploadedFile) -> str:
    """The media type of the format Pillow found in the file, never the one the client claimed."""
    from PIL import Image

    position = upload.tell()
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return Image.MIME.get(image.format or "", "image/jpeg")
    finally:
        upload.seek(position)


def _initial_status(user) -> str:
    """What an ecologist records is confirmed; anything else waits for review."""
    return Observation.Status.CONFIRMED if is_ecologist(user) else Observation.Status.TO_CHECK


def _check_in_deployment(deployment: Deployment, timestamp: datetime) -> None:
    try:
        validate_moment(timestamp)
    except ValidationError as exc:
        raise ValidationError({"timestamp": exc.messages}) from None
    if not deployment.start <= timestamp <= deployment.end:
        raise ValidationError({"timestamp": _("The time is outside the deployment's start and end.")})


def check_observation(
    *, user, deployment: Deployment, timestamp: datetime, media: Media | None = None
) -> None:
    """The rules of a new observation: the user may record at the deployment, its time lies within
    the deployment's start and end, and a file it shows is one of the deployment's. Raises
    PermissionDenied or a ValidationError naming the field; saves nothing.

    ``create_observation`` applies them; the admin's add form asks first, to show them on the form.
    """
    if not can_record(user, deployment):
        if is_student(user):
            raise PermissionDenied(_("You are not assigned to this deployment."))
        # Staff given the admin's add permission without a role: no assignment would help.
        raise PermissionDenied(_("Only ecologists and students record observations."))
    _check_in_deployment(deployment, timestamp)
    if media is not None and media.deployment_id != deployment.pk:
        raise ValidationError({"media": _("This file belongs to another deployment.")})


@transaction.atomic
def create_observation(
    *, user, deployment: Deployment, data: dict, photo: UploadedFile | None = None
) -> Observation:
    """Record one observation at a deployment the user may record at, with an optional photo (which
    becomes its file); an empty "identified by" is the user."""
    check_observation(
        user=user,
        deployment=deployment,
        timestamp=data["timestamp"],
        media=data.get("media") if photo is None else None,
    )
    values = {k: v for k, v in data.items() if k in OBSERVATION_FIELDS and v is not None}
    with files_removed_on_error() as saved:
        if photo is not None:
            validate_image_upload(photo)
            values["media"] = Media.objects.create(
                deployment=deployment,
                timestamp=data["timestamp"],
                file=photo,
                file_name=(photo.name or "")[:255],
                mediatype=_image_type(photo),
                uploaded_by=user,
            )
            saved.append(values["media"].file)
        if not values.get("identified_by"):  # the form's "leave empty for yourself"
            values["identified_by"] = user.get_full_name() or user.get_username()
        observation = Observation(
            deployment=deployment,
            created_by=user,
            review_status=_initial_status(user),
            level=Observation.Level.MEDIA if values.get("media") else Observation.Level.EVENT,
            **values,
        )
        observation.full_clean()
        observation.save()
    return observation


def review_observation(*, user, observation: Observation, status: str) -> Observation:
    if not is_ecologist(user):
        raise PermissionDenied(_("Only ecologists review observations."))
    if status not in Observation.Status.values:
        raise ValidationError({"review_status": _("Unknown review status.")})
    observation.review_status = status
    observation.reviewed_by = user
    observation.reviewed_at = timezone.now()
    observation.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    return observation


@transaction.atomic
def save_csv(*, user, deployment: Deployment, check: CsvCheck) -> int:
    """Save the rows of a checked CSV file in one transaction; refuse a file with bad rows.

    The rows go through the bulk loader (COPY on PostgreSQL) so a season's file loads at once.
    """
    if not can_record(user, deployment):
        if is_student(user):
            raise PermissionDenied(_("You are not assigned to this deployment."))
        # Staff given the admin's add permission without a role: no assignment would help.
        raise PermissionDenied(_("Only ecologists and students record observations."))
    if not check.ok:
        raise ValidationError(_("The file still has rows with errors; nothing was saved."))
    # One save per deployment at a time, and only rows not stored meanwhile (a double confirm).
    Deployment.objects.select_for_update().filter(pk=deployment.pk).first()
    new_rows, _duplicates = drop_duplicates(deployment=deployment, rows=check.rows)
    status = _initial_status(user)
    default_identifier = user.get_full_name() or user.get_username()
    rows = (
        {
            **{name: row[name] for name in RECORDED_FIELDS if name != "taxon"},
            "deployment_id": deployment.pk,
            "taxon_id": row["taxon"].pk,
            "identified_by": row["identified_by"] or default_identifier,
            "created_by_id": user.pk,
            "review_status": status,
        }
        for row in new_rows
    )
    return bulk.load_observations(rows=rows)


def exif_timestamp(upload: UploadedFile) -> datetime | None:
    """DateTimeOriginal from the picture's EXIF (local time of the camera), or None."""
    from PIL import Image, UnidentifiedImageError

    position = upload.tell()
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            exif = img.getexif()
            sub = exif.get_ifd(0x8769)
            raw = sub.get(0x9003) or sub.get(0x9004) or exif.get(0x0132)
            offset = sub.get(0x9011)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    finally:
        upload.seek(position)
    if not raw:
        return None
    try:
        parsed = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        try:
            return datetime.strptime(f"{parsed:%Y-%m-%d %H:%M:%S}{offset}", "%Y-%m-%d %H:%M:%S%z")
        except ValueError:
            pass
    return timezone.make_aware(parsed)


@dataclass
class UploadResult:
    media: list[Media] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def upload_camera_images(
    *,
    user,
    deployment: Deployment,
    files: list[UploadedFile],
    taxon: Taxon | None = None,
    count: int = 1,
    fallback_time: datetime | None = None,
) -> UploadResult:
    """Store camera pictures with the time from their EXIF (else the fallback time).

    With a taxon, each picture also gets an observation. Every file is checked first; if one
    is bad nothing is stored and the result lists each bad file with its reason.
    """
    if not can_record(user, deployment):
        if is_student(user):
            raise PermissionDenied(_("You are not assigned to this deployment."))
        # Staff given the admin's add permission without a role: no assignment would help.
        raise PermissionDenied(_("Only ecologists and students record observations."))
    result = UploadResult()
    prepared = []
    for upload in files:
        try:
            validate_image_upload(upload)
        except ValidationError as exc:
            result.errors.append((upload.name or "", " ".join(exc.messages)))
            continue
        taken = exif_timestamp(upload) or fallback_time
        if taken is None:
            result.errors.append(
                (upload.name or "", _("the picture has no EXIF time; enter the time it was taken"))
            )
        elif not deployment.start <= taken <= deployment.end:
            result.errors.append((upload.name or "", _("the picture's time is outside the deployment")))
        else:
            prepared.append((upload, taken))
    if result.errors:
        return result
    status = _initial_status(user)
    with files_removed_on_error() as saved, transaction.atomic():
        for upload, taken in prepared:
            media = Media.objects.create(
                deployment=deployment,
                timestamp=taken,
                file=upload,
                file_name=(upload.name or "")[:255],
                mediatype=_image_type(upload),
                uploaded_by=user,
            )
            saved.append(media.file)
            result.media.append(media)
            if taxon is not None:
                Observation.objects.create(
                    deployment=deployment,
                    taxon=taxon,
                    timestamp=taken,
                    count=count,
                    media=media,
                    level=Observation.Level.MEDIA,
                    created_by=user,
                    identified_by=user.get_full_name() or user.get_username(),
                    review_status=status,
                )
    return result


def add_failure(*, deployment: Deployment, failure: DeploymentFailure) -> DeploymentFailure:
    """Record a period the camera or trap did not work: it no longer counts as effort."""
    failure.deployment = deployment
    failure.full_clean()
    failure.save()
    return failure
