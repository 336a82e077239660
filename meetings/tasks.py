"""Background work of the meetings app (Celery): e-mails, the cancellation mail-out, reminders and
the GDPR clean-up. Celery beat runs the scheduled ones (``CELERY_BEAT_SCHEDULE``); the management
commands do the same work on demand."""

from celery import Task, shared_task

from portal.tasks import enqueue, retry_delivery

from . import emails, services


@shared_task(bind=True, name="meetings.send_registration_email")
def send_registration_email(self: Task, *, registration_id: int, kind: str) -> bool:
    """Confirmation, waiting list, promotion or cancellation e-mail of one registration."""
    try:
        return emails.deliver_to(registration_id=registration_id, kind=kind)
    except OSError as exc:
        retry_delivery(self, exc)
        return False


@shared_task(name="meetings.send_cancellation_mailout")
def send_cancellation_mailout(*, registration_ids: list[int]) -> int:
    """Fan the cancellation of a meeting out into one task per person (each retried on its own)."""
    for registration_id in registration_ids:
        enqueue(send_registration_email, registration_id=registration_id, kind="meeting_cancelled")
    return len(registration_ids)


@shared_task(bind=True, name="meetings.send_reminder")
def send_reminder(self: Task, *, registration_id: int) -> bool:
    try:
        return emails.deliver_reminder(registration_id=registration_id)
    except OSError as exc:
        retry_delivery(self, exc)
        return False


@shared_task(name="meetings.queue_due_reminders")
def queue_due_reminders(*, hours: int | None = None) -> int:
    return services.send_reminders(hours=hours)


@shared_task(name="meetings.anonymise_registrations")
def anonymise_registrations(*, months: int | None = None) -> int:
    return services.anonymise_registrations(months=months)
