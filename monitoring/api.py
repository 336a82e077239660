"""The monitoring API: structures, deployments, observations, statistics and exports."""

import django_filters
from django.conf import settings
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import decorators, mixins, permissions, viewsets
from rest_framework.response import Response

from portal.filters import DateFilter
from portal.schema import PortalAutoSchema

from . import exports, selectors, services, statistics
from .models import Deployment, Observation, Structure, Taxon
from .permissions import (
    IsEcologist,
    IsEcologistOrReadOnly,
    IsTeamMember,
    observations_visible_to,
    visible_statuses,
)
from .serializers import (
    DeploymentSerializer,
    FiguresSerializer,
    ObservationSerializer,
    ReviewSerializer,
    SelectionSerializer,
    StructureSerializer,
    TaxonSerializer,
)


class TaxonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TaxonSerializer
    pagination_class = None

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Part of any name of the taxon.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        q = self.request.query_params.get("q", "") if self.action == "list" else ""
        if q:
            ids = [t.pk for t in selectors.search_taxa(query=q, limit=30)]
            return Taxon.objects.filter(pk__in=ids)
        return Taxon.objects.all()


class StructureViewSet(viewsets.ModelViewSet):
    queryset = Structure.objects.select_related("region").order_by("name")
    serializer_class = StructureSerializer
    permission_classes = [IsEcologistOrReadOnly]
    lookup_field = "slug"
    filterset_fields = ["structure_type", "region__slug"]

    def perform_create(self, serializer):
        serializer.instance = services.save_structure(structure=Structure(**serializer.validated_data))

    def perform_update(self, serializer):
        structure = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(structure, field, value)
        services.save_structure(structure=structure)


class DeploymentFilter(django_filters.FilterSet):
    structure = django_filters.CharFilter(field_name="structure__slug")

    class Meta:
        model = Deployment
        fields = ["structure", "method", "position"]


class DeploymentViewSet(viewsets.ModelViewSet):
    queryset = Deployment.objects.select_related("structure").order_by("-start", "pk")
    serializer_class = DeploymentSerializer
    permission_classes = [IsEcologistOrReadOnly]
    filterset_class = DeploymentFilter


class ObservationFilter(django_filters.FilterSet):
    structure = django_filters.CharFilter(
        field_name="deployment__structure__slug", help_text="Structure slug."
    )
    species = django_filters.CharFilter(field_name="taxon__scientific_name", help_text="Scientific name.")
    date_from = DateFilter(method="filter_period", help_text="First day (local time).")
    date_to = DateFilter(method="filter_period", help_text="Last day (local time).")
    status = django_filters.ChoiceFilter(field_name="review_status", choices=Observation.Status.choices)

    class Meta:
        model = Observation
        fields = ["deployment", "structure", "species", "date_from", "date_to", "status"]

    def filter_period(self, queryset, name, value):
        """A range on the timestamp itself (not on its date), so the timestamp indexes serve it."""
        if name == "date_from":
            start, _ = statistics.period_bounds(date_from=value, date_to=None)
            return statistics.in_period(queryset, start=start, end=None)
        _, end = statistics.period_bounds(date_from=None, date_to=value)
        return statistics.in_period(queryset, start=None, end=end)


class ObservationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Observations for the monitoring team: ecologists see all, students theirs and their deployments'."""

    serializer_class = ObservationSerializer
    permission_classes = [IsTeamMember]
    filterset_class = ObservationFilter

    def get_queryset(self):
        return (
            observations_visible_to(self.request.user)
            .select_related("taxon", "created_by")
            .order_by("-timestamp", "-pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        deployment = data.pop("deployment")
        serializer.instance = services.create_observation(
            user=self.request.user, deployment=deployment, data=data
        )

    @extend_schema(request=ReviewSerializer, responses=ObservationSerializer)
    @decorators.action(detail=True, methods=["post"], permission_classes=[IsEcologist])
    def review(self, request, pk=None):
        """Set the review status (ecologists only)."""
        observation = self.get_object()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.review_observation(
            user=request.user, observation=observation, status=serializer.validated_data["review_status"]
        )
        return Response(ObservationSerializer(observation).data)


SELECTION_PARAMETERS = [
    OpenApiParameter("structure", str, description="Structure slug."),
    OpenApiParameter("region", str, description="Region slug."),
    OpenApiParameter("date_from", OpenApiTypes.DATE),
    OpenApiParameter("date_to", OpenApiTypes.DATE),
]


def _selection(request) -> dict:
    params = SelectionSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    data = params.validated_data
    return selectors.selection(
        structure=data.get("structure"),
        region=data.get("region"),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


class OneObjectSchema(PortalAutoSchema):
    """The ``list`` action of a ViewSet that answers one object (not a page of them)."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class StatisticsViewSet(viewsets.ViewSet):
    """Aggregated figures, public: confirmed observations (the team also sees those to check)."""

    permission_classes = [permissions.AllowAny]
    schema = OneObjectSchema()

    @extend_schema(parameters=SELECTION_PARAMETERS, responses=FiguresSerializer)
    def list(self, request):
        sel = _selection(request)
        figures = statistics.figures(
            deployments=sel["deployments"],
            statuses=visible_statuses(request.user),
            start=sel["start"],
            end=sel["end"],
        )
        payload = {
            "trap_nights": figures.trap_nights,
            "deployments": figures.deployments,
            "events": figures.events,
            "crossings": figures.crossings,
            "turned_back": figures.turned_back,
            "rate": figures.rate,
            "event_threshold_minutes": settings.MONITORING_EVENT_THRESHOLD_MINUTES,
            "species": figures.species,
        }
        return Response(FiguresSerializer(payload).data)


ZIP_RESPONSE = {
    (200, "application/zip"): OpenApiResponse(response=OpenApiTypes.BINARY, description="A zip file.")
}


class ExportViewSet(viewsets.ViewSet):
    """Standard exports of confirmed observations (ecologists)."""

    permission_classes = [IsEcologist]

    def _download(self, request, export_format: str) -> FileResponse:
        return exports.export_response(export_format=export_format, selection=_selection(request))

    @extend_schema(parameters=SELECTION_PARAMETERS, responses=ZIP_RESPONSE)
    @decorators.action(detail=False, methods=["get"], url_path="camtrap-dp")
    def camtrap_dp(self, request):
        """Camtrap DP 1.0.2 package of the camera-trap deployments of the selection."""
        return self._download(request, exports.CAMTRAP_DP)

    @extend_schema(parameters=SELECTION_PARAMETERS, responses=ZIP_RESPONSE)
    @decorators.action(detail=False, methods=["get"], url_path="dwc-archive")
    def dwc_archive(self, request):
        """Darwin Core Archive of every method of the selection."""
        return self._download(request, exports.DARWIN_CORE)
