"""Who may do what in monitoring: ecologists manage and review, students record at their
deployments, the public sees confirmed figures and never pictures of people or vehicles."""

from django.db.models import Q, QuerySet

from portal.permissions import AnyUser, api_permission, group_names, has_role, role_required

from .constants import ECOLOGISTS, STUDENTS
from .models import Deployment, Media, Observation, Taxon

# Roles ---------------------------------------------------------------------------------------------


def is_ecologist(user: AnyUser) -> bool:
    return has_role(user, ECOLOGISTS)


def is_student(user: AnyUser) -> bool:
    """Members of the students group (a superuser counts as an ecologist, not as a student)."""
    return STUDENTS in group_names(user)


def is_team_member(user: AnyUser) -> bool:
    return has_role(user, ECOLOGISTS, STUDENTS)


ecologist_required = role_required(ECOLOGISTS)
team_member_required = role_required(ECOLOGISTS, STUDENTS)
IsEcologist = api_permission(ECOLOGISTS)
IsEcologistOrReadOnly = api_permission(ECOLOGISTS, read_only_for_all=True)
# Raw observations are for the monitoring team; the public gets the statistics.
IsTeamMember = api_permission(ECOLOGISTS, STUDENTS)

# Object rules --------------------------------------------------------------------------------------


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
