"""Public pages: the request form, the thanks page, the requester's personal page and its files."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from portal.files import upload_response
from portal.i18n import current_language
from portal.types import throttle_allows

from . import selectors, services
from .forms import RequestForm
from .models import AdviceRequest, Attachment
from .throttling import AdviceRequestThrottle


def add_errors(form, error: ValidationError) -> None:
    """Service errors go to their field when the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and not throttle_allows(AdviceRequestThrottle(), request):
            form.add_error(None, _("Too many requests from your address. Please try again later."))
            status = 429
        elif form.is_valid():
            # "place" only helped to find the spot (the location picker); the coordinates say it.
            data = {k: v for k, v in form.cleaned_data.items() if k != "place"}
            try:
                services.submit_request(language=current_language(), **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                request.session["advice_submitted"] = True
                return redirect("advice:received")
    return render(
        request,
        "advice/request_form.html",
        {"form": form, "max_attachments": settings.ADVICE_MAX_ATTACHMENTS},
        status=status,
    )


def received(request: HttpRequest) -> HttpResponse:
    """Thanks; the personal link goes only by e-mail, so it proves the address is the requester's."""
    if not request.session.pop("advice_submitted", False):
        return redirect("advice:request")
    return render(request, "advice/received.html")


@require_safe
def follow(request: HttpRequest, token: str) -> HttpResponse:
    """The requester's personal page: status, site visit, answer and letter; never internal notes."""
    try:
        advice_request = selectors.request_by_token(token=token)
    except AdviceRequest.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "advice/follow.html",
        {
            "advice_request": advice_request,
            "history": selectors.public_history(advice_request=advice_request),
        },
    )


@require_safe
def follow_letter(request: HttpRequest, token: str) -> FileResponse:
    try:
        advice_request = selectors.request_by_token(token=token)
    except AdviceRequest.DoesNotExist:
        raise Http404 from None
    return letter_response(advice_request)


@require_safe
def follow_attachment(request: HttpRequest, token: str, pk: int) -> FileResponse:
    try:
        advice_request = selectors.request_by_token(token=token)
    except AdviceRequest.DoesNotExist:
        raise Http404 from None
    return attachment_response(get_object_or_404(Attachment, pk=pk, request=advice_request))


def letter_response(advice_request: AdviceRequest) -> FileResponse:
    if not advice_request.letter:
        raise Http404
    return upload_response(advice_request.letter, filename=f"{advice_request.reference}.pdf")


def attachment_response(attachment: Attachment) -> FileResponse:
    """A private file, sent as a download so a browser never runs it in the portal's origin."""
    return upload_response(attachment.file, filename=attachment.original_name, as_attachment=True)


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "advice/privacy.html", {"months": settings.ADVICE_ANONYMISE_AFTER_MONTHS})
