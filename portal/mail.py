"""Every e-mail the portal sends leaves through a background task.

``EMAIL_BACKEND`` is :class:`QueuedEmailBackend`: sending a message (``send_mail``, Django's password
reset, ``EmailMessage.send()``) queues it as a Celery task and returns at once, so a slow or failing
mail server never holds up or breaks a request. The task hands the message to the real backend,
``EMAIL_DELIVERY_BACKEND`` (SMTP in production), and tries again with back-off when that fails.
"""

import base64
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message for delivery by a worker (or at once when tasks run eagerly)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from .tasks import enqueue, send_email

        for message in email_messages:
            enqueue(send_email, message=serialize(message))
        return len(email_messages)


def deliver(message: EmailMessage) -> None:
    """Hand one message to the real mail backend now; raises ``OSError`` when the server fails."""
    message.connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    message.send()


def _encode(content: str | bytes) -> dict:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": content}


def _decode(data: dict) -> str | bytes:
    return base64.b64decode(data["base64"]) if "base64" in data else data["text"]


def serialize(message: EmailMessage) -> dict:
    """The message as JSON-safe data for the task queue (attachments given as name, content, type)."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Queued e-mails take attachments as (filename, content, mimetype).")
        filename, content, mimetype = attachment
        attachments.append({"filename": filename, "content": _encode(content), "mimetype": mimetype})
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def deserialize(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(item) for item in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for attachment in data["attachments"]:
        message.attach(attachment["filename"], _decode(attachment["content"]), attachment["mimetype"])
    return message
