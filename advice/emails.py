"""E-mails to the requester, in the language of the request, each with the personal link.

``deliver_to`` takes the primary key, not the object: it reads the request afresh when the
background task (``advice.tasks``) runs, in another process, and mails what was committed.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from portal.links import site_url
from portal.mail import deliver

from .models import AdviceRequest

SUBJECTS = {
    "received": lambda r: _("We received your request for advice (%(ref)s)") % {"ref": r.reference},
    "accept": lambda r: _("Your request for advice is accepted (%(ref)s)") % {"ref": r.reference},
    "refer": lambda r: _("Your request for advice was referred (%(ref)s)") % {"ref": r.reference},
    "decline": lambda r: _("About your request for advice (%(ref)s)") % {"ref": r.reference},
    "visit": lambda r: _("Site visit planned for your request (%(ref)s)") % {"ref": r.reference},
    "answered": lambda r: _("Our advice on your request (%(ref)s)") % {"ref": r.reference},
}


def build_message(*, advice_request: AdviceRequest, kind: str) -> EmailMessage:
    with translation.override(advice_request.language):
        context = {
            "advice_request": advice_request,
            "personal_url": site_url(advice_request.get_absolute_url()),
        }
        message = EmailMessage(
            subject=SUBJECTS[kind](advice_request),
            body=render_to_string(f"advice/email/{kind}.txt", context),
            to=[advice_request.email],
        )
    if kind == "answered" and advice_request.letter:
        with advice_request.letter.open("rb") as letter:
            message.attach(f"{advice_request.reference}.pdf", letter.read(), "application/pdf")
    return message


def deliver_to(*, request_pk: int, kind: str) -> bool:
    """Send one e-mail now; False when there is nobody to send it to any more. Mail server errors
    (``OSError``) are raised, for the task to try again."""
    advice_request = AdviceRequest.objects.filter(pk=request_pk, anonymised_at__isnull=True).first()
    if advice_request is None or not advice_request.email:
        return False
    deliver(build_message(advice_request=advice_request, kind=kind))
    return True
