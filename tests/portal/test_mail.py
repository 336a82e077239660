"""Every e-mail is queued and delivered by a task, with its attachments and alternatives intact."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail

QUEUED = "portal.mail.QueuedEmailBackend"


def test_send_mail_goes_through_the_queue_and_reaches_the_delivery_backend(settings):
    settings.EMAIL_BACKEND = QUEUED

    assert send_mail("Onderwerp", "Tekst", None, ["an@example.org"]) == 1

    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [("Onderwerp", "Tekst", ["an@example.org"])]


def test_a_queued_message_keeps_its_attachments_alternatives_and_headers(settings):
    settings.EMAIL_BACKEND = QUEUED
    message = EmailMultiAlternatives(
        "Agenda", "Zie bijlage", "groen@example.org", ["an@example.org"], headers={"X-Portal": "ja"}
    )
    message.attach_alternative("<p>Zie bijlage</p>", "text/html")
    message.attach("meeting.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("kaart.png", b"\x89PNG\r\n\x1a\n\x00", "image/png")

    message.send()

    (sent,) = mail.outbox
    assert sent.alternatives == [("<p>Zie bijlage</p>", "text/html")]
    assert sent.extra_headers == {"X-Portal": "ja"}
    assert [(a[0], a[1], a[2]) for a in sent.attachments] == [
        ("meeting.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
        ("kaart.png", b"\x89PNG\r\n\x1a\n\x00", "image/png"),
    ]


def test_a_mail_server_that_is_down_does_not_raise_into_the_sender(settings):
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = "tests.portal.backends.ServerDownBackend"

    assert send_mail("Onderwerp", "Tekst", None, ["an@example.org"]) == 1
    assert mail.outbox == []


def test_an_unreachable_broker_is_logged_not_raised(settings, monkeypatch, caplog):
    from portal import tasks

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    settings.EMAIL_BACKEND = QUEUED
    monkeypatch.setattr(tasks.send_email, "apply_async", refuse)

    assert send_mail("Onderwerp", "Tekst", None, ["an@example.org"]) == 1
    assert "Could not queue portal.send_email" in caplog.text


@pytest.mark.django_db
def test_django_password_reset_mail_is_queued_too(client, settings, django_user_model):
    settings.EMAIL_BACKEND = QUEUED
    django_user_model.objects.create_user("an", "an@example.org", "geheim-wachtwoord-2026")

    client.post("/accounts/password_reset/", {"email": "an@example.org"})

    assert [m.to for m in mail.outbox] == [["an@example.org"]]


@pytest.mark.parametrize(("tries_so_far", "tried_again"), [(3, True), (59, True), (60, False)])
def test_a_failed_delivery_is_tried_again_up_to_the_configured_limit(
    settings, monkeypatch, tries_so_far, tried_again
):
    """EMAIL_MAX_RETRIES decides, not Celery's default of three retries, which gave up on a mail
    server that was down for a few seconds."""
    from types import SimpleNamespace

    from celery.exceptions import Retry

    from portal.tasks import retry_delivery, send_email

    settings.EMAIL_MAX_RETRIES = 60
    task = send_email._get_current_object()
    queued = []

    def signature(request, args, kwargs, **options):
        return SimpleNamespace(args=(), kwargs={}, apply_async=lambda: queued.append(options["retries"]))

    monkeypatch.setattr(task, "signature_from_request", signature)
    task.push_request(id="delivery-1", retries=tries_so_far, is_eager=False, called_directly=False)
    try:
        with pytest.raises(Retry if tried_again else ConnectionRefusedError):
            retry_delivery(task, ConnectionRefusedError(111, "Connection refused"))
    finally:
        task.pop_request()
    assert queued == ([tries_so_far + 1] if tried_again else [])
