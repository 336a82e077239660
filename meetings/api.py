"""The meetings API: public reads, public registration, and organiser-only registration data."""

from typing import cast

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from portal.filters import IsoDateTimeFilter
from portal.i18n import current_language

from . import selectors, services
from .models import Meeting, Outcome, Registration
from .permissions import IsOrganiser
from .serializers import (
    MeetingSerializer,
    OutcomeSerializer,
    RegistrationRequestSerializer,
    RegistrationResultSerializer,
    StaffRegistrationSerializer,
)
from .throttling import RegistrationThrottle


class MeetingFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="regions__slug", help_text="Region slug.")
    starts_after = IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    upcoming = django_filters.BooleanFilter(
        method="filter_upcoming", help_text="true: not yet ended; false: past."
    )
    status = django_filters.ChoiceFilter(
        choices=[c for c in Meeting.Status.choices if c[0] != Meeting.Status.DRAFT]
    )

    class Meta:
        model = Meeting
        fields = ["region", "starts_after", "starts_before", "upcoming", "status", "format"]

    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(ends_at__gt=now) if value else queryset.filter(ends_at__lte=now)


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Published, held and cancelled meetings (drafts are never shown)."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return (
            selectors.with_seat_counts(Meeting.objects.exclude(status=Meeting.Status.DRAFT))
            .prefetch_related("regions", "stakeholder_groups", "agenda_items")
            .order_by("starts_at", "id")
        )

    @extend_schema(
        request=RegistrationRequestSerializer,
        responses={
            201: RegistrationResultSerializer,
            400: OpenApiResponse(
                description="Field errors, or the registration is refused (closed, duplicate)."
            ),
        },
        summary="Register for a meeting",
        description="Same rules as the form: a confirmed seat while there is one, else the waiting list. "
        "The confirmation and the personal link go to the e-mail address.",
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[permissions.AllowAny],
        authentication_classes=[],
        throttle_classes=[RegistrationThrottle],
    )
    def register(self, request: Request, pk=None) -> Response:
        meeting = self.get_object()
        incoming = RegistrationRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        registration = services.register(
            meeting=meeting, language=current_language(), **incoming.validated_data
        )
        detail = (
            _("Your seat is confirmed; check your e-mail.")
            if registration.status == Registration.Status.CONFIRMED
            else _("The meeting is full; you are on the waiting list.")
        )
        result = RegistrationResultSerializer({"status": registration.status, "detail": detail})
        return Response(result.data, status=status.HTTP_201_CREATED)


class OutcomeFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(method="filter_region", help_text="Region slug.")
    updated_after = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Outcome
        fields = ["region", "status", "meeting", "updated_after"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(Q(meeting__regions__slug=value)).distinct()


class OutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans and ideas from meetings that organisers have published."""

    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.public_outcomes().prefetch_related("meeting__regions").order_by("id")


class StaffRegistrationFilter(django_filters.FilterSet):
    class Meta:
        model = Registration
        fields = ["meeting", "status", "attended"]


class RegistrationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Organisers only: who registered, and the check-in (``attended`` is the one writable field)."""

    serializer_class = StaffRegistrationSerializer
    filterset_class = StaffRegistrationFilter
    permission_classes = [IsOrganiser]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return Registration.objects.select_related("stakeholder_group").order_by(
            "meeting", "created_at", "id"
        )

    def perform_update(self, serializer: BaseSerializer) -> None:
        """The check-in of one person, by the same rule as the check-in list (``services.set_attendance``)."""
        registration = cast(Registration, serializer.instance)
        if "attended" in serializer.validated_data:
            services.set_attendance(
                meeting=registration.meeting,
                attended_ids={registration.pk} if serializer.validated_data["attended"] else set(),
                registration_ids={registration.pk},
            )
            registration.refresh_from_db()
