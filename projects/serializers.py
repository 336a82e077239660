"""API representation of a realised project (both languages side by side, like the catalogue)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Photo, Project


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


class PhotoSerializer(serializers.ModelSerializer):
    card = serializers.SerializerMethodField()
    large = serializers.SerializerMethodField()
    original = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = ["moment", "credit", "alt_nl", "alt_en", "card", "large", "original"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_card(self, photo: Photo) -> str | None:
        return _absolute(self.context.get("request"), photo.image_card.url) if photo.image_card else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_large(self, photo: Photo) -> str | None:
        return _absolute(self.context.get("request"), photo.image_large.url) if photo.image_large else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_original(self, photo: Photo) -> str:
        return _absolute(self.context.get("request"), photo.image.url)


class ProjectSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partners = serializers.ListField(source="partner_list", child=serializers.CharField(), read_only=True)
    measures: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    species: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="scientific_name", many=True, read_only=True
    )
    ecosystem_services: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    development_goals: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    photos = PhotoSerializer(many=True, read_only=True)
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "slug",
            "title_nl",
            "title_en",
            "kind",
            "programme",
            "year",
            "latitude",
            "longitude",
            "region",
            "partners",
            "story_nl",
            "story_en",
            "measures",
            "species",
            "ecosystem_services",
            "development_goals",
            "photos",
            "is_demo",
            "page_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, project: Project) -> str:
        return _absolute(self.context.get("request"), project.get_absolute_url())
