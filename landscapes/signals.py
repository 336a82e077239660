"""Keep the spatial index honest when regions disappear."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import spatial
from .models import Region
from .services import delete_files


@receiver(post_delete, sender=Region)
def region_deleted(sender, instance: Region, **kwargs) -> None:
    spatial.invalidate()
    transaction.on_commit(spatial.invalidate)
    files = [
        getattr(instance, f).name for f in ("image", "image_thumb", "image_card", "image_wide", "brochure")
    ]
    transaction.on_commit(lambda: delete_files(files))
