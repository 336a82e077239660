"""Writes: registering, cancelling, the waiting list, organising meetings and GDPR clean-up.

Seats are counted under a lock on the meeting row, so two people registering at the same moment
can never both get the last seat: PostgreSQL queues them on ``SELECT ... FOR UPDATE``; SQLite has
no row locks, so a write is issued first to take its database write lock instead.
"""

import time
from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from landscapes.models import Region
from landscapes.selectors import region_for_point
from portal.errors import ServiceError
from portal.tasks import enqueue, enqueue_on_commit
from portal.text import normalise_email

from . import selectors, tasks
from .models import AgendaItem, Meeting, MeetingDocument, Registration, StakeholderGroup

T = TypeVar("T")


NO_REGION = gettext_lazy("Choose at least one region, or give a map location inside the province.")


class RegistrationError(ServiceError):
    """A registration the rules refuse; ``field`` names the form field the message belongs to."""


def _retry_when_locked(work: Callable[[], T], attempts: int = 40) -> T:
    """Run ``work`` again when SQLite reports a lock held by a concurrent writer (shared-cache databases
    report it at once instead of waiting); other databases queue on the lock themselves."""
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _lock_meeting(pk: int) -> Meeting:
    if connection.vendor == "sqlite":
        Meeting.objects.filter(pk=pk).update(sequence=F("sequence"))
    return Meeting.objects.select_for_update().get(pk=pk)


def _promote_waiting(meeting: Meeting) -> list[Registration]:
    """Give free seats to the waiting list in order of registration; the caller holds the lock.

    Once the meeting has started a free seat is of no use any more, so nobody is promoted (or mailed).
    """
    if meeting.status != Meeting.Status.PUBLISHED or meeting.starts_at <= timezone.now():
        return []
    free = selectors.seats_left(meeting=meeting)
    if free <= 0:
        return []
    promoted = list(
        meeting.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "id")[:free]
    )
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
    return promoted


ALREADY_REGISTERED = gettext_lazy("This e-mail address is already registered for this meeting.")


def address_taken(*, meeting: Meeting, email: str, registration: Registration | None = None) -> bool:
    """Whether another active registration of ``meeting`` (confirmed or waiting, not anonymised;
    the ``one_active_registration_per_email`` constraint) has this address, compared normalised;
    ``registration`` itself, when given, does not count."""
    others = meeting.registrations.filter(
        email=normalise_email(email),
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        anonymised_at__isnull=True,
    )
    if registration is not None and registration.pk is not None:
        others = others.exclude(pk=registration.pk)
    return others.exists()


def check_registration(*, meeting: Meeting, email: str, consent: bool) -> None:
    """The rules of a new registration: consent, a published meeting before its deadline, one
    registration per address; raises RegistrationError, saves nothing.

    ``register`` applies them under the meeting's lock; the admin's add form asks first, to show
    the refusal on the form.
    """
    if not consent:
        raise RegistrationError(
            _("You must agree to the privacy statement to register."), code="no_consent", field="consent"
        )
    if meeting.status != Meeting.Status.PUBLISHED:
        raise RegistrationError(_("Registration is not possible for this meeting."), code="not_open")
    if timezone.now() > meeting.registration_deadline:
        raise RegistrationError(_("The registration deadline has passed."), code="deadline_passed")
    if address_taken(meeting=meeting, email=email):
        raise RegistrationError(
            _(
                "This e-mail address is already registered for this meeting. Use the personal link "
                "in your confirmation e-mail to view or cancel your registration."
            ),
            code="duplicate",
            field="email",
        )


def register(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    stakeholder_group: StakeholderGroup,
    consent: bool,
    organisation: str = "",
    remarks: str = "",
    dietary_needs: str = "",
    language: str = "nl",
) -> Registration:
    """Register someone: a confirmed seat while there is one, else a place on the waiting list."""
    email = normalise_email(email)

    def work() -> Registration:
        with transaction.atomic():
            locked = _lock_meeting(meeting.pk)
            check_registration(meeting=locked, email=email, consent=consent)
            full = selectors.seats_left(meeting=locked) == 0
            return Registration.objects.create(
                meeting=locked,
                name=name.strip(),
                email=email,
                organisation=organisation.strip(),
                stakeholder_group=stakeholder_group,
                remarks=remarks.strip(),
                dietary_needs=dietary_needs.strip(),
                consent_at=timezone.now(),
                language=language,
                status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
            )

    try:
        registration = _retry_when_locked(work)
    except IntegrityError:
        raise RegistrationError(str(ALREADY_REGISTERED), code="duplicate", field="email") from None
    # Queued: a mail server that fails now never turns the saved registration into an error; and only
    # once the caller's transaction commits, so the worker finds the registration.
    _queue_email(registration=registration, kind=registration.status)
    return registration


def cancel_registration(*, registration: Registration, delete: bool = False) -> list[Registration]:
    """Cancel (or delete, GDPR) a registration; a freed seat goes to the first person waiting.

    Returns the people promoted, who are told by e-mail.
    """

    def work() -> list[Registration]:
        with transaction.atomic():
            meeting = _lock_meeting(registration.meeting_id)
            current = Registration.objects.select_for_update().get(pk=registration.pk)
            if delete:
                current.delete()
            elif current.status != Registration.Status.CANCELLED:
                current.status = Registration.Status.CANCELLED
                current.cancelled_at = timezone.now()
                current.save(update_fields=["status", "cancelled_at", "updated_at"])
            return _promote_waiting(meeting)

    promoted = _retry_when_locked(work)
    for person in promoted:
        _queue_email(registration=person, kind="promoted")
    return promoted


def fill_free_seats(*, meeting: Meeting) -> list[Registration]:
    """After a capacity change: promote people waiting into the new seats, and tell them."""
    with transaction.atomic():
        promoted = _promote_waiting(_lock_meeting(meeting.pk))
    for person in promoted:
        _queue_email(registration=person, kind="promoted")
    return promoted


def save_meeting(
    *,
    meeting: Meeting,
    regions: Collection[Region],
    stakeholder_groups: Collection[StakeholderGroup] | None = None,
    changed: bool = True,
) -> Meeting:
    """Store a meeting with its regions; with none chosen, the region of the venue's map location.

    An existing meeting that ``changed`` gets the next calendar sequence, so calendar programs that
    have it replace their copy (the organisers' form and the admin pass whether their form changed).
    Raises ValidationError on ``regions`` (nothing saved) when none are chosen and the location is
    in no region of the province.
    """
    chosen = list(regions)
    if not chosen and meeting.latitude is not None and meeting.longitude is not None:
        region = region_for_point(lon=meeting.longitude, lat=meeting.latitude)
        chosen = [region] if region is not None else []
    if not chosen:
        raise ValidationError({"regions": NO_REGION})
    if changed and meeting.pk is not None:
        meeting.sequence += 1
    with transaction.atomic():
        meeting.save()
        meeting.regions.set(chosen)
        if stakeholder_groups is not None:
            meeting.stakeholder_groups.set(stakeholder_groups)
    return meeting


def publish_meeting(*, meeting: Meeting) -> None:
    meeting.status = Meeting.Status.PUBLISHED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])


def _queue_email(*, registration: Registration, kind: str) -> None:
    enqueue_on_commit(tasks.send_registration_email, registration_id=registration.pk, kind=kind)


def cancel_meeting(*, meeting: Meeting) -> int:
    """Cancel a meeting and tell everyone registered or waiting (one queued mail-out, so the request
    does not wait for the mail server); returns how many people are told."""
    with transaction.atomic():
        locked = _lock_meeting(meeting.pk)
        locked.status = Meeting.Status.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.sequence += 1
        locked.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        people = list(
            locked.registrations.filter(
                status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
                anonymised_at__isnull=True,
            ).values_list("pk", flat=True)
        )
    meeting.refresh_from_db()
    enqueue_on_commit(tasks.send_cancellation_mailout, registration_ids=people)
    return len(people)


def _next_future(moment: datetime, now: datetime) -> timedelta:
    """The whole number of weeks that moves ``moment`` past ``now`` (keeps weekday and time)."""
    if moment > now:
        return timedelta(0)
    return timedelta(weeks=(now - moment).days // 7 + 1)


def copy_meeting(*, meeting: Meeting) -> Meeting:
    """A draft copy to use as a template: same content, agenda and invitations, moved to the future."""
    shift = _next_future(meeting.starts_at, timezone.now())
    with transaction.atomic():
        copy = Meeting.objects.create(
            title_nl=meeting.title_nl,
            title_en=meeting.title_en,
            description_nl=meeting.description_nl,
            description_en=meeting.description_en,
            starts_at=meeting.starts_at + shift,
            ends_at=meeting.ends_at + shift,
            format=meeting.format,
            venue_name=meeting.venue_name,
            venue_address=meeting.venue_address,
            latitude=meeting.latitude,
            longitude=meeting.longitude,
            online_url=meeting.online_url,
            capacity=meeting.capacity,
            registration_deadline=meeting.registration_deadline + shift,
            status=Meeting.Status.DRAFT,
            copied_from=meeting,
        )
        copy.regions.set(meeting.regions.all())
        copy.stakeholder_groups.set(meeting.stakeholder_groups.all())
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=copy, position=i.position, time=i.time, title_nl=i.title_nl, title_en=i.title_en
            )
            for i in meeting.agenda_items.all()
        )
    return copy


def check_attendance(*, meeting: Meeting, attended_ids: Collection[int]) -> None:
    """The check-in rule: raise a ValidationError on ``attended`` when these registrations cannot be
    checked in (the welcome desk is not open yet, or someone has no confirmed seat); saves nothing.

    ``set_attendance`` applies it; the admin's registration form asks it first to show a form error.
    """
    early = settings.MEETINGS_CHECKIN_OPENS_MINUTES
    if attended_ids and timezone.now() < meeting.starts_at - timedelta(minutes=early):
        message = (
            _("Check-in opens %(minutes)s minutes before the meeting starts.") % {"minutes": early}
            if early
            else _("Check-in opens when the meeting starts.")
        )
        raise ValidationError({"attended": ValidationError(message, code="too_early")})
    asked = meeting.registrations.filter(pk__in=attended_ids)
    if asked.exclude(status=Registration.Status.CONFIRMED).exists():
        raise ValidationError(
            {
                "attended": ValidationError(
                    _("Only people with a confirmed seat can be checked in."), code="not_confirmed"
                )
            }
        )


def set_attendance(
    *, meeting: Meeting, attended_ids: Collection[int], registration_ids: Collection[int] | None = None
) -> None:
    """Record the check-in: of the registrations listed, those in ``attended_ids`` attended, the others not.

    The check-in list gives everyone with a confirmed seat (``registration_ids`` None); the API and the
    admin one registration. Only people with a confirmed seat can be checked in (``check_attendance``):
    asking for anyone else raises a ValidationError on ``attended`` and saves nothing.
    """
    with transaction.atomic():
        check_attendance(meeting=meeting, attended_ids=attended_ids)
        if registration_ids is None:
            listed = meeting.registrations.filter(status=Registration.Status.CONFIRMED)
        else:
            listed = meeting.registrations.filter(pk__in=registration_ids)
        listed.filter(pk__in=attended_ids).update(attended=True, updated_at=timezone.now())
        listed.exclude(pk__in=attended_ids).update(attended=False, updated_at=timezone.now())


def save_report(*, meeting: Meeting) -> Meeting:
    """Save a meeting's report; a published meeting that has ended is marked as held with it."""
    if meeting.status == Meeting.Status.PUBLISHED and meeting.is_past:
        meeting.status = Meeting.Status.HELD
    meeting.save()
    return meeting


def attach_document(*, meeting: Meeting, document: MeetingDocument) -> MeetingDocument:
    """Attach a checked PDF to the meeting's report (private until the report is published)."""
    document.meeting = meeting
    document.save()
    return document


def delete_document(*, document: MeetingDocument) -> None:
    """Remove a document attached to a report, and its file once the row is really gone."""
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def send_reminders(*, now: datetime | None = None, hours: int | None = None) -> int:
    """Queue a reminder for each confirmed person of a meeting starting within ``hours`` who was not
    reminded yet; returns how many were queued. Each reminder is marked sent by its own task once the
    mail server took it (``emails.deliver_reminder``), so nobody is reminded twice nor forgotten."""
    now = now or timezone.now()
    hours = settings.MEETINGS_REMINDER_HOURS if hours is None else hours
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        anonymised_at__isnull=True,
        meeting__status=Meeting.Status.PUBLISHED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + timedelta(hours=hours),
    ).values_list("pk", flat=True)
    queued = 0
    for registration_id in due:
        queued += enqueue(tasks.send_reminder, registration_id=registration_id)
    return queued


def anonymise_registrations(*, now: datetime | None = None, months: int | None = None) -> int:
    """Erase the personal data of registrations of meetings that ended ``months`` ago.

    Status, stakeholder group and attendance stay, so the counts of the meeting do not change.
    """
    now = now or timezone.now()
    months = settings.MEETINGS_ANONYMISE_AFTER_MONTHS if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    # The token must stay unique, so it becomes a dead value derived from the primary key.
    return Registration.objects.filter(anonymised_at__isnull=True, meeting__ends_at__lte=cutoff).update(
        name="",
        email="",
        organisation="",
        remarks="",
        dietary_needs="",
        token=Concat(Value("anonymised-"), Cast("pk", output_field=CharField())),
        anonymised_at=now,
    )
