"""The staff area: organisers create, publish, copy and cancel meetings and follow them up.

Every view here is for members of the organisers group only: anonymous visitors are sent to the
login page, other users get 403.
"""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.i18n import current_language
from portal.pdf import render_pdf
from portal.types import AuthenticatedHttpRequest

from . import selectors, services
from .forms import AgendaFormSet, DocumentForm, MeetingForm, OutcomeForm, ReportForm
from .models import Meeting, MeetingDocument, Outcome, Registration
from .permissions import organiser_required


@organiser_required
def meeting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    meetings = selectors.with_seat_counts(Meeting.objects.prefetch_related("regions")).order_by("-starts_at")
    return render(request, "meetings/staff/meeting_list.html", {"meetings": meetings})


def _save_meeting(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    form = MeetingForm(request.POST or None, instance=meeting)
    agenda = AgendaFormSet(request.POST or None, instance=meeting or Meeting(), prefix="agenda")
    if request.method == "POST":
        if form.is_valid() and agenda.is_valid():
            with transaction.atomic():
                saved = services.save_meeting(
                    meeting=form.save(commit=False),
                    regions=form.cleaned_data["regions"],
                    stakeholder_groups=form.cleaned_data["stakeholder_groups"],
                    changed=form.has_changed(),
                )
                agenda.instance = saved
                agenda.save()
            services.fill_free_seats(meeting=saved)
            region = None if form.cleaned_data["regions"] else saved.regions.first()
            if region is not None:
                messages.info(
                    request, _("Region set from the map location: %(region)s.") % {"region": region.name}
                )
            messages.success(request, _("The meeting has been saved."))
            return redirect("meetings:staff-meeting-edit", pk=saved.pk)
        messages.error(request, _("The meeting was not saved: please correct the errors below."))
    return render(
        request,
        "meetings/staff/meeting_form.html",
        {"form": form, "agenda": agenda, "meeting": meeting},
        status=400 if request.method == "POST" else 200,
    )


@organiser_required
def meeting_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _save_meeting(request, None)


@organiser_required
def meeting_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _save_meeting(request, get_object_or_404(Meeting, pk=pk))


@organiser_required
@require_POST
def meeting_copy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    copy = services.copy_meeting(meeting=get_object_or_404(Meeting, pk=pk))
    messages.success(request, _("A draft copy has been made. Check the dates and publish it."))
    return redirect("meetings:staff-meeting-edit", pk=copy.pk)


@organiser_required
@require_POST
def meeting_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if meeting.status != Meeting.Status.DRAFT:
        messages.error(request, _("Only a draft can be published."))
    else:
        services.publish_meeting(meeting=meeting)
        messages.success(request, _("The meeting is published."))
    return redirect("meetings:staff-meeting-edit", pk=pk)


@organiser_required
def meeting_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method == "POST" and meeting.status in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED):
        told = services.cancel_meeting(meeting=meeting)
        messages.success(
            request,
            _("The meeting is cancelled; %(count)s people are being told by e-mail.") % {"count": told},
        )
        return redirect("meetings:staff-meeting-edit", pk=pk)
    people = selectors.active_registrations(meeting=meeting).count()
    return render(request, "meetings/staff/meeting_cancel.html", {"meeting": meeting, "people": people})


@organiser_required
def registrations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    rows = meeting.registrations.select_related("stakeholder_group").order_by("status", "created_at", "id")
    if request.method == "POST":
        ids = {int(i) for i in request.POST.getlist("attended") if i.isdigit()}
        try:
            services.set_attendance(meeting=meeting, attended_ids=ids)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The check-in has been saved."))
        return redirect("meetings:staff-registrations", pk=pk)
    return render(request, "meetings/staff/registrations.html", {"meeting": meeting, "registrations": rows})


def csv_header() -> list[str]:
    """Column names a person reads, in the language of the page."""
    return [
        _("Name"),
        _("E-mail address"),
        _("Organisation"),
        _("Stakeholder group"),
        _("Status"),
        _("Remarks"),
        _("Dietary needs"),
        _("Attended"),
        _("Registered on"),
    ]


def _cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@organiser_required
def registrations_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}-registrations.csv"'
    # Belgian Excel opens a file with a byte-order mark as UTF-8 and splits columns on ";".
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(csv_header())
    for r in meeting.registrations.select_related("stakeholder_group").order_by("created_at", "id"):
        writer.writerow(
            [
                _cell(r.name),
                _cell(r.email),
                _cell(r.organisation),
                r.stakeholder_group.name,
                r.get_status_display(),
                _cell(r.remarks),
                _cell(r.dietary_needs),
                _("yes") if r.attended else _("no"),
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


@organiser_required
def checkin_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A printable list for the door: confirmed people with a box to tick."""
    meeting = get_object_or_404(Meeting, pk=pk)
    people = meeting.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
    language = current_language()
    html = render_to_string(
        "meetings/staff/checkin_pdf.html",
        {"meeting": meeting, "people": people, "language": language},
        request,
    )
    pdf = render_pdf(
        html,
        language=language,
        title=f"{_('Check-in list')}: {meeting.title}",
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="check-in-{meeting.pk}.pdf"'
    return response


@organiser_required
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    is_upload = "upload" in request.POST
    form = ReportForm(None if is_upload else request.POST or None, instance=meeting)
    document_form = DocumentForm(request.POST if is_upload else None, request.FILES if is_upload else None)
    if request.method == "POST":
        if is_upload and document_form.is_valid():
            services.attach_document(meeting=meeting, document=document_form.save(commit=False))
            messages.success(request, _("The document has been attached."))
            return redirect("meetings:staff-report", pk=pk)
        if not is_upload and form.is_valid():
            services.save_report(meeting=form.save(commit=False))
            messages.success(request, _("The report has been saved."))
            return redirect("meetings:staff-report", pk=pk)
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(
        request,
        "meetings/staff/report.html",
        {
            "meeting": meeting,
            "form": form,
            "document_form": document_form,
            "outcomes": meeting.outcomes.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


@organiser_required
@require_POST
def document_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(MeetingDocument, pk=pk)
    services.delete_document(document=document)
    messages.success(request, _("The document has been removed."))
    return redirect("meetings:staff-report", pk=document.meeting_id)


def _save_outcome(request: HttpRequest, meeting: Meeting, outcome: Outcome | None) -> HttpResponse:
    form = OutcomeForm(request.POST or None, instance=outcome, meeting=meeting)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The outcome has been saved."))
            return redirect("meetings:staff-report", pk=meeting.pk)
        messages.error(request, _("The outcome was not saved: please correct the errors below."))
    return render(
        request,
        "meetings/staff/outcome_form.html",
        {"form": form, "meeting": meeting, "outcome": outcome},
        status=400 if request.method == "POST" else 200,
    )


@organiser_required
def outcome_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _save_outcome(request, get_object_or_404(Meeting, pk=pk), None)


@organiser_required
def outcome_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    outcome = get_object_or_404(Outcome.objects.select_related("meeting"), pk=pk)
    return _save_outcome(request, outcome.meeting, outcome)
