"""Reads: which meetings, registrations and outcomes a page, feed or API call shows."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from landscapes.models import Measure, Region

from .models import Meeting, Outcome, Registration

ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITING)


def public_meetings(*, region: Region | None = None, when: str = "") -> QuerySet[Meeting]:
    """Meetings the public sees (not drafts), optionally of one region, upcoming or past."""
    meetings = Meeting.objects.exclude(status=Meeting.Status.DRAFT).prefetch_related("regions")
    if region is not None:
        meetings = meetings.filter(regions=region)
    now = timezone.now()
    if when == "upcoming":
        meetings = meetings.filter(ends_at__gt=now).order_by("starts_at")
    elif when == "past":
        meetings = meetings.filter(ends_at__lte=now).order_by("-starts_at")
    return meetings.distinct()


def with_seat_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )


def seats_left(*, meeting: Meeting) -> int:
    """Free seats: the capacity less the confirmed registrations (never below zero).

    Uses the ``confirmed_count`` of :func:`with_seat_counts` when the meeting has it, else counts."""
    confirmed = getattr(meeting, "confirmed_count", None)
    if confirmed is None:
        confirmed = meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return max(meeting.capacity - confirmed, 0)


def waiting_position(*, registration: Registration) -> int | None:
    """Where someone stands on the waiting list (1 is next in line), or None when not waiting."""
    if registration.status != Registration.Status.WAITING:
        return None
    earlier = Q(created_at__lt=registration.created_at) | Q(
        created_at=registration.created_at, id__lte=registration.id
    )
    return Registration.objects.filter(
        earlier, meeting_id=registration.meeting_id, status=Registration.Status.WAITING
    ).count()


def public_meeting(*, pk: int, with_drafts: bool = False) -> Meeting:
    """A meeting page; ``with_drafts`` lets organisers preview a draft before they publish it."""
    public_outcomes = Outcome.objects.filter(is_public=True).prefetch_related("measures")
    meetings = Meeting.objects.all() if with_drafts else Meeting.objects.exclude(status=Meeting.Status.DRAFT)
    return (
        with_seat_counts(meetings)
        .prefetch_related(
            "regions",
            "agenda_items",
            "stakeholder_groups",
            "documents",
            Prefetch("outcomes", queryset=public_outcomes),
        )
        .get(pk=pk)
    )


def public_outcomes(*, region: Region | None = None) -> QuerySet[Outcome]:
    outcomes = (
        Outcome.objects.filter(is_public=True)
        .exclude(meeting__status=Meeting.Status.DRAFT)
        .select_related("meeting")
        .prefetch_related("measures")
    )
    if region is not None:
        outcomes = outcomes.filter(meeting__regions=region).distinct()
    return outcomes


def outcomes_serving_goals(*, region: Region | None = None) -> QuerySet[Outcome]:
    """Public outcomes that were not dropped, with their measures' SDGs and ecosystem services."""
    return (
        public_outcomes(region=region)
        .exclude(status=Outcome.Status.DROPPED)
        .prefetch_related("measures__development_goals", "measures__ecosystem_services")
    )


def measures_for_meeting(*, meeting: Meeting | None) -> QuerySet[Measure]:
    """The measures of the landscape images of the meeting's regions (what an outcome may realise)."""
    if meeting is None or meeting.pk is None:
        return Measure.objects.none()
    return (
        Measure.objects.filter(region_measures__region__in=meeting.regions.all())
        .distinct()
        .order_by("name_nl")
    )


def active_registrations(*, meeting: Meeting) -> QuerySet[Registration]:
    return meeting.registrations.filter(status__in=ACTIVE).select_related("stakeholder_group")


def registration_by_token(*, token: str) -> Registration:
    return Registration.objects.select_related("meeting", "stakeholder_group").get(
        token=token, anonymised_at__isnull=True
    )
