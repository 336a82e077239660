"""Cached overview figures are recomputed after any change to what they are computed from."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Deployment, DeploymentFailure, Observation, Structure, Taxon
from .statistics import data_changed


@receiver([post_save, post_delete], sender=Observation)
@receiver([post_save, post_delete], sender=Deployment)
@receiver([post_save, post_delete], sender=DeploymentFailure)
@receiver([post_save, post_delete], sender=Structure)
@receiver([post_save, post_delete], sender=Taxon)
def figures_changed(**kwargs) -> None:
    data_changed()
