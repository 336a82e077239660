"""Writes: saving a project (its region comes from its location) and its pictures' renditions."""

from django.core.files.storage import default_storage
from django.db import transaction

from landscapes.selectors import region_for_point

from .models import Photo, Project
from .renditions import make_renditions


def save_project(*, project: Project) -> Project:
    """Store the project with the region its point lies in (none outside the province)."""
    project.region = region_for_point(lon=project.longitude, lat=project.latitude)
    project.save()
    return project


def save_photo(*, photo: Photo) -> Photo:
    """Store the picture and, when it changed, its smaller sizes; old files go once committed."""
    photo.save()
    if photo.image.name != photo.renditions_of or not photo.image_card:
        replaced = make_renditions(photo)
        photo.save(update_fields=["image_card", "image_large", "renditions_of"])
        transaction.on_commit(lambda: _delete_files(replaced))
    return photo


def _delete_files(names: list[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)
