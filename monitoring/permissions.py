"""Who may do what: ecologists manage and review, students record at their deployments."""

from django.db.models import Q, QuerySet

from .constants import ECOLOGISTS, STUDENTS
from .models import Deployment, Media, Observation, Taxon


def _in_group(user, name: str) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    cache = getattr(user, "_monitoring_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._monitoring_groups = cache
    return name in cache


def is_ecologist(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, ECOLOGISTS
    )


def is_student(user) -> bool:
    return _in_group(user, STUDENTS)


def is_team_member(user) -> bool:
    return is_ecologist(user) or is_student(user)


def can_record(user, deployment: Deployment) -> bool:
    """Ecologists record anywhere; students only at deployments they are assigned to."""
    if is_ecologist(user):
        return True
    return is_student(user) and deployment.assigned_students.filter(pk=user.pk).exists()


def recordable_deployments(user) -> QuerySet[Deployment]:
    qs = Deployment.objects.select_related("structure")
    if is_ecologist(user):
        return qs
    if is_student(user):
        return qs.filter(assigned_students=user)
    return qs.none()


def visible_statuses(user) -> list[str]:
    """The team sees figures including entries still to check; the public only confirmed ones."""
    if is_team_member(user):
        return [Observation.Status.CONFIRMED, Observation.Status.TO_CHECK]
    return [Observation.Status.CONFIRMED]


def observations_visible_to(user) -> QuerySet[Observation]:
    """Raw observations: all for ecologists; a student's own and those of their deployments."""
    qs = Observation.objects.all()
    if is_ecologist(user):
        return qs
    if is_student(user):
        return qs.filter(Q(created_by=user) | Q(deployment__assigned_students=user)).distinct()
    return qs.none()


def media_visible_to(user, media: Media) -> bool:
    """Ecologists see every picture; students those of their deployments and their own uploads;
    everyone else only public pictures of confirmed animals, never one that shows a person or a vehicle."""
    if is_ecologist(user):
        return True
    if is_student(user) and (
        media.uploaded_by_id == user.pk or media.deployment.assigned_students.filter(pk=user.pk).exists()
    ):
        return True
    if not media.file_public:
        return False
    observations = media.observations.all()
    shows_people = observations.filter(taxon__kind__in=[Taxon.Kind.HUMAN, Taxon.Kind.VEHICLE]).exists()
    confirmed_animal = observations.filter(
        review_status=Observation.Status.CONFIRMED, taxon__kind=Taxon.Kind.ANIMAL
    ).exists()
    return confirmed_animal and not shows_people
