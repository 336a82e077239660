"""Background work of the monitoring app."""

from celery import shared_task

from . import bulk


@shared_task(name="monitoring.tidy_up_after_large_load")
def tidy_up_after_large_load() -> None:
    """Validate the foreign keys a first import checked itself, and vacuum the observations."""
    bulk.tidy_up()
