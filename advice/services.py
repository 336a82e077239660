"""Writes: a request comes in, the team triages, assigns, visits and answers; GDPR clean-up.

Every e-mail leaves in ``transaction.on_commit``: nobody is told about a change that was rolled
back, and the sending can later move to a task queue without touching the rules here.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from landscapes.models import Measure, Municipality, Region
from landscapes.selectors import region_in_province
from monitoring.models import Structure
from portal.tasks import enqueue_on_commit
from portal.text import normalise_email, one_line
from portal.validators import validate_image_upload, validate_pdf_upload

from . import letters, selectors, tasks
from .models import HISTORY_DETAIL_MAX_LENGTH, AdviceRequest, Attachment, HistoryEntry, InternalNote

Status = AdviceRequest.Status
Action = HistoryEntry.Action


class AdviceError(Exception):
    """A step the rules refuse in the current state of the request."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def locate(
    *, municipality: Municipality | None, latitude: float | None, longitude: float | None
) -> Region | None:
    """The region of a request: from the point on the map when there is one, else the municipality.

    Raises ValidationError (per field) when neither gives a place in the province.
    """
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise ValidationError({field: _("Give both latitude and longitude, or pick the spot on the map.")})
    if latitude is not None and longitude is not None:
        try:
            return region_in_province(
                lon=longitude,
                lat=latitude,
                message=_(
                    "This spot is not in the province of Antwerp. Pick it on the map or choose "
                    "the municipality."
                ),
            )
        except ValidationError as error:
            raise ValidationError({"latitude": error.error_list}) from None
    if municipality is None:
        raise ValidationError(
            {"municipality": _("Choose the municipality, or pick the spot on the map.")}, code="no_location"
        )
    return municipality.region


def _check_files(*, photos: Sequence[UploadedFile], documents: Sequence[UploadedFile]) -> None:
    errors: dict[str, list] = {}
    if len(photos) + len(documents) > settings.ADVICE_MAX_ATTACHMENTS:
        errors["documents"] = [
            _("Add at most %(count)s photos and documents together.")
            % {"count": settings.ADVICE_MAX_ATTACHMENTS}
        ]
    for field, files, validate in (
        ("photos", photos, validate_image_upload),
        ("documents", documents, validate_pdf_upload),
    ):
        for upload in files:
            try:
                validate(upload)
            except ValidationError as error:
                errors.setdefault(field, []).extend(f"{upload.name}: {m}" for m in error.messages)
    if errors:
        raise ValidationError(errors)


def submit_request(
    *,
    name: str,
    email: str,
    organisation_type: str,
    topic: str,
    description: str,
    consent: bool,
    phone: str = "",
    organisation: str = "",
    municipality: Municipality | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    photos: Sequence[UploadedFile] = (),
    documents: Sequence[UploadedFile] = (),
    language: str = "nl",
) -> AdviceRequest:
    """Store a request with its files, all or nothing, and mail the personal link.

    The same rules hold for the form and the API: raises ValidationError with field errors.
    """
    if not consent:
        raise ValidationError({"consent": _("You must agree to the privacy statement to send a request.")})
    region = locate(municipality=municipality, latitude=latitude, longitude=longitude)
    _check_files(photos=photos, documents=documents)
    with transaction.atomic():
        advice_request = AdviceRequest.objects.create(
            name=name.strip(),
            email=normalise_email(email),
            phone=phone.strip(),
            organisation=organisation.strip(),
            organisation_type=organisation_type,
            topic=topic,
            description=description.strip(),
            municipality=municipality,
            latitude=latitude,
            longitude=longitude,
            region=region,
            consent_at=timezone.now(),
            language=language,
        )
        for kind, files in ((Attachment.Kind.PHOTO, photos), (Attachment.Kind.DOCUMENT, documents)):
            for upload in files:
                Attachment.objects.create(
                    request=advice_request, kind=kind, file=upload, original_name=(upload.name or "")[:200]
                )
        _record(advice_request, Action.SUBMITTED, actor=None)
        _mail_on_commit(advice_request, "received")
    return advice_request


def _record(
    advice_request: AdviceRequest, action: str, *, actor: User | None, detail: str = ""
) -> HistoryEntry:
    """A line of the request's history; its detail (a reason, names) on one line, and a long one
    visibly shortened (the reason itself is stored whole on the request)."""
    return HistoryEntry.objects.create(
        request=advice_request,
        action=action,
        status=advice_request.status,
        actor=actor,
        detail=Truncator(one_line(detail)).chars(HISTORY_DETAIL_MAX_LENGTH),
    )


def _mail_on_commit(advice_request: AdviceRequest, kind: str) -> None:
    enqueue_on_commit(tasks.send_email, request_pk=advice_request.pk, kind=kind)


def _require_open(advice_request: AdviceRequest) -> None:
    if advice_request.is_closed:
        raise AdviceError(_("This request is closed."), code="closed")


TRIAGE = {
    "accept": (Status.ACCEPTED, Action.ACCEPTED),
    "refer": (Status.REFERRED, Action.REFERRED),
    "decline": (Status.DECLINED, Action.DECLINED),
}


def triage(*, advice_request: AdviceRequest, actor: User, decision: str, reason: str = "") -> AdviceRequest:
    """Accept a new request, refer it elsewhere or decline it; the requester is told by e-mail.

    Referring and declining need a reason: the requester reads it.
    """
    if decision not in TRIAGE:
        raise AdviceError(_("Unknown decision."), code="unknown_decision")
    if advice_request.status != Status.NEW:
        raise AdviceError(_("Only a new request can be triaged."), code="already_triaged")
    reason = reason.strip()
    if decision != "accept" and not reason:
        raise ValidationError({"reason": _("Say why, or to whom: the requester reads this.")})
    status, action = TRIAGE[decision]
    with transaction.atomic():
        advice_request.status = status
        advice_request.decision_reason = reason
        fields = ["status", "decision_reason", "updated_at"]
        if status in AdviceRequest.CLOSED:
            advice_request.closed_at = timezone.now()
            fields.append("closed_at")
        advice_request.save(update_fields=fields)
        _record(advice_request, action, actor=actor, detail=reason)
        _mail_on_commit(advice_request, decision)
    return advice_request


def assign(*, advice_request: AdviceRequest, actor: User, assignee: User) -> AdviceRequest:
    """Give the request to a member of the team."""
    _require_open(advice_request)
    if not selectors.team_members().filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": _("Requests can only be assigned to members of the team.")})
    with transaction.atomic():
        advice_request.assigned_to = assignee
        advice_request.save(update_fields=["assigned_to", "updated_at"])
        _record(
            advice_request, Action.ASSIGNED, actor=actor, detail=assignee.get_full_name() or str(assignee)
        )
    return advice_request


def plan_site_visit(*, advice_request: AdviceRequest, actor: User, on: date) -> AdviceRequest:
    """Set (or move) the date of the site visit; the requester sees it and gets an e-mail."""
    if advice_request.status != Status.ACCEPTED:
        raise AdviceError(_("Accept the request before planning a site visit."), code="not_accepted")
    if on < timezone.localdate():
        raise ValidationError({"site_visit_on": _("The site visit cannot be in the past.")})
    with transaction.atomic():
        advice_request.site_visit_on = on
        advice_request.save(update_fields=["site_visit_on", "updated_at"])
        _record(advice_request, Action.VISIT_PLANNED, actor=actor, detail=on.isoformat())
        _mail_on_commit(advice_request, "visit")
    return advice_request


def add_note(*, advice_request: AdviceRequest, author: User, text: str) -> InternalNote:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    return InternalNote.objects.create(request=advice_request, author=author, text=text)


def link(
    *,
    advice_request: AdviceRequest,
    actor: User,
    measures: Iterable[Measure],
    structure: Structure | None,
) -> AdviceRequest:
    """The landscape-image measures and the fauna-passage structure the advice concerns."""
    measures = list(measures)
    with transaction.atomic():
        advice_request.measures.set(measures)
        advice_request.structure = structure
        advice_request.save(update_fields=["structure", "updated_at"])
        names = ", ".join([m.name_nl for m in measures] + ([structure.name] if structure else []))
        _record(advice_request, Action.LINKED, actor=actor, detail=names)
    return advice_request


def answer(*, advice_request: AdviceRequest, actor: User, text: str) -> AdviceRequest:
    """Send the advice: the text and a PDF letter in the language of the request, by e-mail.

    The letter is rendered and stored first; if anything fails the request stays unanswered.
    """
    if advice_request.status != Status.ACCEPTED:
        raise AdviceError(_("Only an accepted request can be answered."), code="not_accepted")
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the advice first.")})
    now = timezone.now()
    advice_request.answer = text
    advice_request.answered_at = now
    pdf = letters.render(advice_request=advice_request, signed_by=actor)
    old_letter = advice_request.letter.name
    advice_request.letter.save("letter.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            advice_request.status = Status.ANSWERED
            advice_request.closed_at = now
            advice_request.save(
                update_fields=["answer", "answered_at", "letter", "status", "closed_at", "updated_at"]
            )
            _record(advice_request, Action.ANSWERED, actor=actor)
            transaction.on_commit(lambda: _delete_file(old_letter))
            _mail_on_commit(advice_request, "answered")
    except Exception:
        _delete_file(advice_request.letter.name)
        raise
    return advice_request


def _delete_file(*names: str | None) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def anonymise_requests(*, now: datetime | None = None, months: int | None = None) -> int:
    """Erase the personal data of requests closed ``months`` ago, or left open without any change
    for as long (a request nobody closes must not keep a person's data for ever); returns how many
    were erased.

    Topic, type of organisation, region, municipality, status and dates stay, so the figures do not
    change. Photos, documents, the letter and the team's notes go: they may name the requester.
    """
    now = now or timezone.now()
    months = settings.ADVICE_ANONYMISE_AFTER_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    due = AdviceRequest.objects.filter(
        Q(closed_at__lte=cutoff) | Q(closed_at__isnull=True, updated_at__lte=cutoff),
        anonymised_at__isnull=True,
    )
    with transaction.atomic():
        ids = list(due.select_for_update().values_list("pk", flat=True))
        attachments = Attachment.objects.filter(request__in=ids)
        files = list(attachments.values_list("file", flat=True))
        files += [n for n in AdviceRequest.objects.filter(pk__in=ids).values_list("letter", flat=True) if n]
        attachments.delete()
        InternalNote.objects.filter(request__in=ids).delete()
        # The token must stay unique, so it becomes a dead value derived from the primary key.
        count = AdviceRequest.objects.filter(pk__in=ids).update(
            name="",
            email="",
            phone="",
            organisation="",
            description="",
            latitude=None,
            longitude=None,
            decision_reason="",
            answer="",
            letter="",
            token=Concat(Value("anonymised-"), Cast("pk", output_field=CharField())),
            anonymised_at=now,
        )
        transaction.on_commit(lambda: _delete_file(*files))
    return count
