"""Background tasks shared by the apps: queueing without failing the request, and e-mail delivery
that is tried again with exponential back-off until the mail server takes the message."""

import logging
from collections.abc import Callable

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import transaction

from . import mail

logger = logging.getLogger(__name__)


def enqueue(task: Task, **kwargs) -> bool:
    """Queue ``task`` with keyword arguments; a broker that cannot be reached is logged, never raised
    into the request that asked (its own work is saved already)."""
    try:
        task.apply_async(kwargs=kwargs)
    except Exception:
        logger.exception("Could not queue %s with %s", task.name, kwargs)
        return False
    return True


def enqueue_on_commit(task: Task, *, fallback: Callable[[], object] | None = None, **kwargs) -> None:
    """Queue ``task`` once the caller's transaction commits (at once outside one): the work that
    follows a change (an e-mail about it, a render) never runs before the change is visible to the
    worker, nor for a change that is rolled back (the admin saves in a transaction around the
    services). Work that must be done even when the broker cannot be reached (indexes to build
    again) names a ``fallback``, run in this process instead."""

    def send() -> None:
        if not enqueue(task, **kwargs) and fallback is not None:
            fallback()

    # Robust: the change is committed by now; a fallback that fails is logged, never raised into
    # the request (whose user would try again and save the change twice).
    transaction.on_commit(send, robust=True)


def retry_delivery(task: Task, exc: OSError) -> None:
    """Schedule another try of a failed delivery (1, 2, 4 … seconds times EMAIL_RETRY_BACKOFF_SECONDS,
    randomised, at most EMAIL_RETRY_BACKOFF_MAX apart); after EMAIL_MAX_RETRIES tries it is logged as an
    error. A task running eagerly (no worker, ``make serve``) logs the failure instead of waiting."""
    retries = task.request.retries
    if task.request.is_eager:
        logger.exception("E-mail delivery failed (%s); no worker to try again", task.name, exc_info=exc)
        return
    if retries >= settings.EMAIL_MAX_RETRIES:
        logger.error("E-mail delivery failed %s times (%s); giving up", retries + 1, task.name, exc_info=exc)
        raise exc
    countdown = get_exponential_backoff_interval(
        factor=settings.EMAIL_RETRY_BACKOFF_SECONDS,
        retries=retries,
        maximum=settings.EMAIL_RETRY_BACKOFF_MAX,
        full_jitter=True,
    )
    logger.warning("E-mail delivery failed (%s: %s); trying again in %s s", task.name, exc, countdown)
    # Celery reads max_retries=None as "the task's default" (three), not as "no limit".
    raise task.retry(exc=exc, countdown=countdown, max_retries=settings.EMAIL_MAX_RETRIES)


@shared_task(bind=True, name="portal.send_email")
def send_email(self: Task, *, message: dict) -> bool:
    """Deliver one queued e-mail (see ``portal.mail``)."""
    try:
        mail.deliver(mail.deserialize(message))
    except OSError as exc:
        retry_delivery(self, exc)
        return False
    return True
