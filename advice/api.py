"""The advice API: a public POST for requests, and the team's queue (ecologists only)."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.i18n import current_language
from portal.types import authenticated_user

from . import selectors, services
from .models import AdviceRequest
from .permissions import IsEcologist
from .serializers import (
    AdviceAnswerSerializer,
    AdviceAssignSerializer,
    AdviceFiguresSerializer,
    AdviceLinkSerializer,
    AdviceNoteSerializer,
    AdviceQueueItemSerializer,
    AdviceRequestCreatedSerializer,
    AdviceRequestDetailSerializer,
    AdviceRequestInSerializer,
    AdviceTriageSerializer,
    AdviceVisitSerializer,
)
from .throttling import AdviceRequestThrottle

REFUSED = OpenApiResponse(description="Field errors, or the step is not possible in the request's state.")


def _run(work):
    """Service rule violations become 400 answers with field errors."""
    try:
        return work()
    except ValidationError as error:
        raise ApiValidationError(
            error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        ) from None
    except services.AdviceError as error:
        raise ApiValidationError({"non_field_errors": [error.message]}) from None


class RequestCreateView(APIView):
    """Ask the province's ecologists for advice (anyone; limited per client address)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [AdviceRequestThrottle]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={
            "application/json": AdviceRequestInSerializer,
            "multipart/form-data": AdviceRequestInSerializer,
        },
        responses={
            201: AdviceRequestCreatedSerializer,
            400: REFUSED,
            429: OpenApiResponse(description="Too many."),
        },
        summary="Send a request for advice",
        description="Same rules as the form: a place in the province (a municipality or latitude and "
        "longitude), consent, and photos (JPEG, PNG, WebP) and PDF documents that really are what they "
        "say. The confirmation and the personal link to follow the request go to the e-mail address.",
        tags=["advice"],
    )
    def post(self, request: Request) -> Response:
        incoming = AdviceRequestInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        advice_request = _run(
            lambda: services.submit_request(language=current_language(), **incoming.validated_data)
        )
        result = {
            "reference": advice_request.reference,
            "status": advice_request.status,
            "region": advice_request.region.slug if advice_request.region else None,
            "detail": _("Your request is received; check your e-mail for the link to follow it."),
        }
        return Response(AdviceRequestCreatedSerializer(result).data, status=status.HTTP_201_CREATED)


class QueueFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__slug", help_text="Region slug.")
    assigned_to = django_filters.CharFilter(field_name="assigned_to__username", help_text="Username.")
    open = django_filters.BooleanFilter(method="filter_open", help_text="true: not yet closed.")

    class Meta:
        model = AdviceRequest
        fields = ["status", "topic", "organisation_type", "region", "assigned_to", "open"]

    def filter_open(self, queryset, name, value):
        closed = AdviceRequest.CLOSED
        return queryset.exclude(status__in=closed) if value else queryset.filter(status__in=closed)


@extend_schema(tags=["advice"])
class QueueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The ecologists' queue of requests (team only: 403 for everybody else)."""

    permission_classes = [IsEcologist]
    filterset_class = QueueFilter

    def get_queryset(self):
        if self.action == "list":
            return selectors.queue()
        return AdviceRequest.objects.prefetch_related(
            "attachments", "measures", "history__actor", "notes__author"
        )

    def get_serializer_class(self):
        return AdviceQueueItemSerializer if self.action == "list" else AdviceRequestDetailSerializer

    def _step(self, request: Request, serializer_class, work) -> Response:
        advice_request = self.get_object()
        incoming = serializer_class(data=request.data)
        incoming.is_valid(raise_exception=True)
        _run(lambda: work(advice_request, incoming.validated_data))
        return Response(AdviceRequestDetailSerializer(selectors.staff_request(pk=advice_request.pk)).data)

    @extend_schema(
        request=AdviceTriageSerializer, responses={200: AdviceRequestDetailSerializer, 400: REFUSED}
    )
    @action(detail=True, methods=["post"])
    def triage(self, request: Request, pk=None) -> Response:
        """Accept, refer or decline a new request (a reason is needed to refer or decline)."""
        return self._step(
            request,
            AdviceTriageSerializer,
            lambda r, d: services.triage(advice_request=r, actor=authenticated_user(request), **d),
        )

    @extend_schema(
        request=AdviceAssignSerializer, responses={200: AdviceRequestDetailSerializer, 400: REFUSED}
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk=None) -> Response:
        """Give the request to a member of the team."""
        return self._step(
            request,
            AdviceAssignSerializer,
            lambda r, d: services.assign(advice_request=r, actor=authenticated_user(request), **d),
        )

    @extend_schema(
        request=AdviceVisitSerializer, responses={200: AdviceRequestDetailSerializer, 400: REFUSED}
    )
    @action(detail=True, methods=["post"], url_path="site-visit")
    def site_visit(self, request: Request, pk=None) -> Response:
        """Plan the site visit of an accepted request; the requester is told."""
        return self._step(
            request,
            AdviceVisitSerializer,
            lambda r, d: services.plan_site_visit(
                advice_request=r, actor=authenticated_user(request), on=d["site_visit_on"]
            ),
        )

    @extend_schema(request=AdviceNoteSerializer, responses={200: AdviceRequestDetailSerializer, 400: REFUSED})
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk=None) -> Response:
        """Add an internal note (never shown to the requester)."""
        return self._step(
            request,
            AdviceNoteSerializer,
            lambda r, d: services.add_note(
                advice_request=r, author=authenticated_user(request), text=d["text"]
            ),
        )

    @extend_schema(request=AdviceLinkSerializer, responses={200: AdviceRequestDetailSerializer, 400: REFUSED})
    @action(detail=True, methods=["post"])
    def links(self, request: Request, pk=None) -> Response:
        """Set the measures (slugs) and the fauna-passage structure (slug) the advice concerns."""
        return self._step(
            request,
            AdviceLinkSerializer,
            lambda r, d: services.link(advice_request=r, actor=authenticated_user(request), **d),
        )

    @extend_schema(
        request=AdviceAnswerSerializer, responses={200: AdviceRequestDetailSerializer, 400: REFUSED}
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk=None) -> Response:
        """Send the advice: the text and a PDF letter in the language of the request, by e-mail."""
        return self._step(
            request,
            AdviceAnswerSerializer,
            lambda r, d: services.answer(advice_request=r, actor=authenticated_user(request), text=d["text"]),
        )


class FiguresView(APIView):
    """Numbers of requests per region, topic and month (team only)."""

    permission_classes = [IsEcologist]

    @extend_schema(responses={200: AdviceFiguresSerializer}, tags=["advice"])
    def get(self, request: Request) -> Response:
        return Response(AdviceFiguresSerializer(selectors.figures()).data)
