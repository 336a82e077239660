"""Background work of the advice app (Celery): e-mails to requesters, and the GDPR clean-up that
Celery beat runs daily (``CELERY_BEAT_SCHEDULE``; ``manage.py anonymise_advice_requests`` on demand)."""

from celery import Task, shared_task

from portal.tasks import retry_delivery

from . import emails, services


@shared_task(bind=True, name="advice.send_email")
def send_email(self: Task, *, request_pk: int, kind: str) -> bool:
    try:
        return emails.deliver_to(request_pk=request_pk, kind=kind)
    except OSError as exc:
        retry_delivery(self, exc)
        return False


@shared_task(name="advice.anonymise_requests")
def anonymise_requests(*, months: int | None = None) -> int:
    return services.anonymise_requests(months=months)
