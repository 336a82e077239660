"""Background work of the monitoring app."""

from celery import shared_task
from django.db import DatabaseError

from . import large_load


@shared_task(
    name="monitoring.tidy_up_after_large_load",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=20,
)
def tidy_up_after_large_load() -> None:
    """After a load of many observations: build again the indexes a large load dropped, validate
    the foreign keys it checked itself, and vacuum the observations."""
    large_load.tidy_up()
