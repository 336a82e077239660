"""The BIODIVA API: the questionnaire to read; a user's own sites, scans, answers, results and plan.

Every queryset goes through the visibility selectors, so other companies' objects answer 404.
"""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from portal.filters import IdFilter

from . import services
from .models import ActionPlanItem, Question, QuestionnaireVersion, Scan, Site, Theme
from .permissions import may_delete_site, plan_items_for, scans_for, sites_for
from .serializers import (
    ActionPlanItemSerializer,
    AnswerSerializer,
    QuestionnaireListSerializer,
    QuestionnaireSerializer,
    ScanResultSerializer,
    ScanSerializer,
    SiteSerializer,
)


class SiteFilter(filters.FilterSet):
    """Filters on ids as plain numbers, so a foreign id answers like an unknown one: an empty list."""

    company = IdFilter(field_name="company_id")
    sector = filters.ChoiceFilter(choices=Site.Sector.choices)
    activity = filters.ChoiceFilter(choices=Site.Activity.choices)


class ScanFilter(filters.FilterSet):
    site = IdFilter(field_name="site_id")
    status = filters.ChoiceFilter(choices=Scan.Status.choices)


class ActionPlanFilter(filters.FilterSet):
    site = IdFilter(field_name="site_id")
    done = filters.BooleanFilter()


class QuestionnaireViewSet(viewsets.ReadOnlyModelViewSet):
    """Published questionnaire versions; one version with its themes, questions and choices."""

    permission_classes = [permissions.AllowAny]
    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        questions = Question.objects.select_related("condition_question").prefetch_related("choices")
        themes = Theme.objects.order_by("position").prefetch_related(
            Prefetch("questions", queryset=questions)
        )
        return QuestionnaireVersion.objects.filter(published=True).prefetch_related(
            Prefetch("themes", queryset=themes)
        )

    def get_serializer_class(self):
        return QuestionnaireListSerializer if self.action == "list" else QuestionnaireSerializer


class SiteViewSet(viewsets.ModelViewSet):
    """The sites of the companies the user belongs to or advises. The region follows from the location."""

    serializer_class = SiteSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = SiteFilter

    def get_queryset(self):
        return sites_for(user=self.request.user).order_by("id")

    @extend_schema(
        responses={201: SiteSerializer, 200: SiteSerializer},
        description="Adds a site to a company; the same site sent again by the same user within a minute "
        "(a double submit) adds nothing and is answered with 200 and the site added the first time.",
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request.user  # IsAuthenticated: never anonymous here
        if not user.is_authenticated:
            raise PermissionDenied
        site, created = services.add_site(site=Site(**serializer.validated_data), user=user)
        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(site).data, status=answer)

    def perform_destroy(self, instance):
        if not may_delete_site(user=self.request.user, site=instance):
            raise PermissionDenied
        services.delete_site(site=instance)

    def perform_update(self, serializer):
        site = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(site, field, value)
        services.save_site(site=site)


class ScanViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Scans of the user's sites. Creating one resumes the site's unfinished scan if there is one."""

    serializer_class = ScanSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ScanFilter

    def get_queryset(self):
        return scans_for(user=self.request.user).select_related("result").order_by("-started_at", "-id")

    def perform_create(self, serializer):
        user = self.request.user  # IsAuthenticated: never anonymous here
        serializer.instance = services.start_scan(
            site=serializer.validated_data["site"], user=user if user.is_authenticated else None
        )

    @extend_schema(methods=["GET"], responses=AnswerSerializer(many=True), summary="The answers given so far")
    @extend_schema(
        methods=["POST"],
        request=AnswerSerializer,
        responses={
            200: AnswerSerializer,
            400: OpenApiResponse(description="Invalid value or completed scan"),
        },
        summary="Give or change one answer (a null value removes it)",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def answers(self, request, pk=None):
        scan = self.get_object()
        if request.method in ("GET", "HEAD"):
            answers = scan.answers.select_related("question")
            return Response(AnswerSerializer(answers, many=True).data)
        serializer = AnswerSerializer(data=request.data, scan=scan)
        serializer.is_valid(raise_exception=True)
        question, value = serializer.validated_data["question"], serializer.validated_data["value"]
        services.save_answers(scan=scan, values={question: value})
        answer = scan.answers.filter(question=question).first()
        data = AnswerSerializer(answer).data if answer else {"question": question.code, "value": None}
        return Response(data, status=status.HTTP_200_OK)

    @extend_schema(
        request=None,
        responses={
            200: ScanResultSerializer,
            400: OpenApiResponse(description="Required answers are missing"),
        },
        summary="Complete the scan and compute its result",
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        scan = self.get_object()
        result = services.complete_scan(scan=scan)
        return Response(ScanResultSerializer(result).data)

    @extend_schema(
        responses={200: ScanResultSerializer, 404: OpenApiResponse(description="Not completed yet")},
        summary="The stored result of a completed scan",
    )
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        scan = self.get_object()
        if scan.status != Scan.Status.COMPLETED:
            return Response({"detail": "The scan is not completed yet."}, status=status.HTTP_404_NOT_FOUND)
        return Response(ScanResultSerializer(scan.result).data)


class ActionPlanItemViewSet(viewsets.ModelViewSet):
    """The action plans of the user's sites."""

    serializer_class = ActionPlanItemSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActionPlanFilter

    def get_queryset(self):
        return plan_items_for(user=self.request.user).order_by("id")

    @extend_schema(
        responses={201: ActionPlanItemSerializer, 200: ActionPlanItemSerializer},
        description="Adds a measure to the site's plan; a measure in the plan already is updated "
        "(a given owner or target date replaces the old one) and answered with 200, as on the result page.",
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        in_plan = ActionPlanItem.objects.filter(site=data["site"], measure=data["measure"]).exists()
        item = services.add_to_plan(
            site=data["site"],
            measure=data["measure"],
            owner=data.get("owner", ""),
            target_date=data.get("target_date"),
        )
        if "done" in data and data["done"] != item.done:
            item = services.update_plan_item(
                item=item, owner=item.owner, target_date=item.target_date, done=data["done"]
            )
        answer = status.HTTP_200_OK if in_plan else status.HTTP_201_CREATED
        return Response(self.get_serializer(item).data, status=answer)

    def perform_update(self, serializer):
        item = serializer.instance
        data = serializer.validated_data
        services.update_plan_item(
            item=item,
            owner=data.get("owner", item.owner),
            target_date=data.get("target_date", item.target_date),
            done=data.get("done", item.done),
        )
