"""REST API of the landscape images: regions (also as GeoJSON), point lookup, species, measures."""

import json
from collections.abc import Mapping

import django_filters
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action, api_view, permission_classes, renderer_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.geojson import GEOJSON_CONTENT_TYPE, GeoJSONRenderer, geojson_response
from portal.querystring import query_params

from . import selectors
from .models import Measure, Municipality, Region, RegionMeasure, Species, SpeciesNeed
from .serializers import (
    LookupQuerySerializer,
    MeasureSerializer,
    MunicipalitySerializer,
    PlaceAnswerSerializer,
    RegionDetailSerializer,
    RegionSummarySerializer,
    SpeciesSerializer,
    parse_point,
)

GEOJSON_DETAIL = OpenApiParameter(
    "detail",
    str,
    enum=["full", "simplified"],
    description="`full` (default): exact boundaries for GIS; `simplified`: light boundaries for a map.",
)
FEATURE_COLLECTION = {
    "type": "object",
    "description": "RFC 7946 GeoJSON FeatureCollection (WGS84 lon/lat).",
    "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]}, "features": {"type": "array"}},
}


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The 18 regions with their landscape image biodiversity."""

    lookup_field = "slug"
    queryset = Region.objects.all()

    def get_queryset(self):
        if self.action != "retrieve":
            return Region.objects.order_by("name_nl")
        return Region.objects.prefetch_related(
            "landscape_types",
            "municipalities",
            Prefetch(
                "species_needs", SpeciesNeed.objects.select_related("species").prefetch_related("elements")
            ),
            Prefetch("region_measures", RegionMeasure.objects.select_related("measure")),
        )

    def get_serializer_class(self):
        return RegionDetailSerializer if self.action == "retrieve" else RegionSummarySerializer


def _compact_json(data: object) -> bytes:
    """What the REST framework's JSONRenderer writes, so both lookup views send the same bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def _lookup_answer(request: HttpRequest, *, params: Mapping[str, str] | None = None, encoded: bool = False):
    """The summary of the region containing the query's point (``params``, else the request's
    query), as a dict or (``encoded``) as the JSON bytes to send; raises ValidationError (400) or
    NotFound (404)."""
    lon, lat = parse_point(request.GET if params is None else params)

    def serialize(region: Region) -> dict | bytes:
        data = dict(RegionSummarySerializer(region, context={"request": request}).data)
        return _compact_json(data) if encoded else data

    summary = selectors.region_summary_for_point(
        lon=lon,
        lat=lat,
        # The middleware's language, read without another trip through the translation machinery.
        variant=(
            getattr(request, "LANGUAGE_CODE", None) or get_language(),
            request.scheme,
            request.get_host(),
            encoded,
        ),
        serialize=serialize,
    )
    if summary is None:
        raise NotFound(_("This point is not in the province of Antwerp, so it is in none of its regions."))
    return summary


class RegionLookupView(APIView):
    """The region that contains a WGS84 point: the REST framework's view, which answers what the plain
    ``region_lookup`` leaves to it (OPTIONS, other methods, the browsable API, other formats)."""

    name = "Lookup"  # what OPTIONS and the browsable API show, as when it was the viewset's action
    description = "The 18 regions with their landscape image biodiversity."
    # The hot path of the overview map: public, JSON only, no session or user to look up.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    @extend_schema(
        parameters=[LookupQuerySerializer],
        responses={
            200: RegionSummarySerializer,
            400: OpenApiResponse(description="Missing, non-numeric or out-of-range coordinates."),
            404: OpenApiResponse(description="No region contains the point (outside the province)."),
        },
        summary="The region that contains a WGS84 point",
        description="The 18 regions with their landscape image biodiversity.",
        tags=["regions"],
    )
    def get(self, request):
        return Response(_lookup_answer(request))


_drf_region_lookup = RegionLookupView.as_view()


def _plain_json_accepted(request: HttpRequest, params: Mapping[str, str]) -> bool:
    """Whether content negotiation would choose JSON anyway (map scripts, curl, most clients)."""
    if "format" in params:
        return False
    accept = request.META.get("HTTP_ACCEPT", "")
    return not accept or ("html" not in accept and ("json" in accept or "*/*" in accept))


@csrf_exempt
def region_lookup(request: HttpRequest) -> HttpResponse:
    """The region that contains a WGS84 point, as a plain Django view: content negotiation and the
    REST framework's dispatch cost about as much as the lookup itself. Same answers, headers and
    errors as ``RegionLookupView``, which documents the endpoint and answers everything else."""
    params = query_params(request)
    if request.method not in ("GET", "HEAD") or not _plain_json_accepted(request, params):
        return _drf_region_lookup(request)
    try:
        body, status = _lookup_answer(request, params=params, encoded=True), 200
    except (ValidationError, NotFound) as error:
        answer = error.detail if isinstance(error.detail, dict) else {"detail": error.detail}
        body, status = _compact_json(answer), error.status_code
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Allow"] = "GET, HEAD, OPTIONS"
    response["Vary"] = "Accept"  # LocaleMiddleware adds Accept-Language
    return response


# drf-spectacular documents ``region_lookup`` as the REST framework view it stands for.
region_lookup.cls = RegionLookupView  # type: ignore[attr-defined]
region_lookup.initkwargs = {}  # type: ignore[attr-defined]


@extend_schema(
    parameters=[GEOJSON_DETAIL],
    responses={(200, GEOJSON_CONTENT_TYPE): FEATURE_COLLECTION},
    summary="All regions as a GeoJSON FeatureCollection",
)
@api_view(["GET", "HEAD"])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer, GeoJSONRenderer])
def regions_geojson(request):
    """Full boundaries for GIS programs; ``?detail=simplified`` for the overview map."""
    detail = request.GET.get("detail", "full")
    if detail not in ("full", "simplified"):
        raise ValidationError({"detail": [_("Choose “full” or “simplified”.")]})
    simplified = detail == "simplified"
    collection = selectors.regions_feature_collection(simplified=simplified)
    return geojson_response(collection, filename="regions.geojson", cache_seconds=300)


@extend_schema(
    responses={(200, GEOJSON_CONTENT_TYPE): FEATURE_COLLECTION},
    summary="The province's 67 municipalities as a GeoJSON FeatureCollection",
)
@api_view(["GET", "HEAD"])
@permission_classes([AllowAny])
@renderer_classes([JSONRenderer, GeoJSONRenderer])
def municipalities_geojson(request):
    """Simplified borders (Statbel 2025) for a map layer; ``label_point`` is where a name fits."""
    return geojson_response(
        selectors.municipalities_feature_collection(), filename="municipalities.geojson", cache_seconds=86400
    )


class SpeciesFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="needs__region__slug", distinct=True, label="Region slug")
    search = django_filters.CharFilter(method="filter_search", label="Part of any name")

    class Meta:
        model = Species
        fields = ["group", "region"]

    def filter_search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(scientific_name__icontains=value) | Q(name_nl__icontains=value) | Q(name_en__icontains=value)
        )


class SpeciesViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Species.objects.order_by("scientific_name")
    serializer_class = SpeciesSerializer
    filterset_class = SpeciesFilter


class MeasureFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region_measures__region__slug", distinct=True, label="Region slug"
    )
    applies_to = django_filters.CharFilter(
        field_name="applies_to__code", distinct=True, label="Where it applies (e.g. private_garden)"
    )
    ecosystem_service = django_filters.CharFilter(
        field_name="ecosystem_services__code", distinct=True, label="Ecosystem service code"
    )
    species = django_filters.CharFilter(
        field_name="species__scientific_name", distinct=True, label="Scientific name it serves"
    )

    class Meta:
        model = Measure
        fields = ["region", "applies_to", "ecosystem_service", "species"]


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of measures; filtered on a region, in that region's order of priority."""

    lookup_field = "slug"
    queryset = Measure.objects.order_by("slug").prefetch_related(
        "applies_to", "ecosystem_services", "development_goals", "species"
    )
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter

    def get_queryset(self):
        queryset = super().get_queryset()
        region = self.request.query_params.get("region")
        if self.action == "list" and region:
            priority = RegionMeasure.objects.filter(measure=OuterRef("pk"), region__slug=region).values(
                "priority"
            )
            queryset = queryset.annotate(regional_priority=Subquery(priority[:1])).order_by(
                "regional_priority", "slug"
            )
        return queryset


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """The province's 67 municipalities and the region each is in."""

    lookup_field = "nis_code"
    queryset = Municipality.objects.select_related("region").order_by("name")
    serializer_class = MunicipalitySerializer
    pagination_class = None
    filterset_fields = {"name": ["iexact", "istartswith"]}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                str,
                required=True,
                description="A municipality, postcode (2850) or deelgemeente (Berchem).",
            )
        ],
        responses={
            200: PlaceAnswerSerializer,
            400: OpenApiResponse(description="Nothing typed."),
            404: OpenApiResponse(description="Not a place of the province, with the reason in `detail`."),
        },
        summary="The municipality (and region) of a name, postcode or deelgemeente",
    )
    @action(detail=False, url_path="find", pagination_class=None, filter_backends=[])
    def find(self, request):
        query = request.query_params.get("q", "")
        if not query.strip():
            raise ValidationError(
                {"q": [_("Type a municipality, a postcode or a deelgemeente of the province of Antwerp.")]}
            )
        answer = selectors.find_place(query=query)
        if answer.municipality is None or answer.municipality.region is None:
            raise NotFound(answer.error or _("This place is not in one of the regions of the province."))
        municipality = answer.municipality
        data = {
            "query": query.strip(),
            "note": answer.note,
            "municipality": municipality,
            "region": municipality.region,
            "extent": selectors.municipality_extent(nis_code=municipality.nis_code),
        }
        return Response(PlaceAnswerSerializer(data, context={"request": request}).data)
