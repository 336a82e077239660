"""Read-only API of the realised projects: paginated, filterable, documented in the OpenAPI schema."""

import django_filters
from rest_framework import permissions, viewsets

from . import selectors
from .models import Project
from .serializers import ProjectSerializer


class ProjectFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__slug", label="Region slug")
    kind = django_filters.ChoiceFilter(choices=Project.Kind.choices)
    programme = django_filters.ChoiceFilter(
        choices=[c for c in Project.Programme.choices if c[0]], label="Programme (2b_connect)"
    )
    year = django_filters.NumberFilter()
    ecosystem_service = django_filters.CharFilter(
        field_name="ecosystem_services__code", distinct=True, label="Ecosystem service code"
    )
    sdg = django_filters.NumberFilter(
        field_name="development_goals__number", distinct=True, label="Sustainable Development Goal (1-17)"
    )
    measure = django_filters.CharFilter(field_name="measures__slug", distinct=True, label="Measure slug")

    class Meta:
        model = Project
        fields = ["region", "kind", "programme", "year", "ecosystem_service", "sdg", "measure"]


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Published realised projects, newest first; `is_demo` marks demonstration content."""

    lookup_field = "slug"
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.public_projects()
