"""API representations of regions, species and measures."""

import math

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Measure, Municipality, Region, RegionMeasure, Species, SpeciesNeed


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


class RenditionsField(serializers.Field):
    """The typical image's renditions as absolute URLs (null when the region has no image)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, region: Region):
        if not region.image_card:
            return None
        request = self.context.get("request")
        return {
            "thumbnail": _absolute(request, region.image_thumb.url),
            "card": _absolute(request, region.image_card.url),
            "full_width": _absolute(request, region.image_wide.url),
            "original": _absolute(request, region.image.url),
            "alt": region.image_alt,
        }


extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {k: {"type": "string"} for k in ("thumbnail", "card", "full_width", "original", "alt")},
    }
)(RenditionsField)


class RegionLinksMixin(serializers.Serializer):
    page_url = serializers.SerializerMethodField()
    brochure_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, region: Region) -> str:
        return _absolute(self.context.get("request"), region.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_brochure_url(self, region: Region) -> str:
        url = reverse("landscapes:region-brochure", kwargs={"slug": region.slug})
        return _absolute(self.context.get("request"), url)


class RegionSummarySerializer(RegionLinksMixin, serializers.ModelSerializer):
    image = RenditionsField()

    class Meta:
        model = Region
        fields = [
            "slug", "name_nl", "name_en", "short_description_nl", "short_description_en",
            "image", "page_url", "brochure_url",
        ]  # fmt: skip


class SpeciesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Species
        fields = [
            "id", "scientific_name", "name_nl", "name_en", "group", "description_nl",
            "description_en", "photo", "photo_credit",
        ]  # fmt: skip


class MeasureSerializer(serializers.ModelSerializer):
    applies_to: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    ecosystem_services: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    development_goals: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number"
    )
    species: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="scientific_name"
    )

    class Meta:
        model = Measure
        fields = [
            "slug", "name_nl", "name_en", "summary_nl", "summary_en", "how_to_nl", "how_to_en",
            "applies_to", "ecosystem_services", "development_goals", "species",
        ]  # fmt: skip


class SpeciesNeedSerializer(serializers.ModelSerializer):
    species: serializers.SlugRelatedField = serializers.SlugRelatedField(
        read_only=True, slug_field="scientific_name"
    )
    uses = serializers.SerializerMethodField()
    elements: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="slug"
    )

    class Meta:
        model = SpeciesNeed
        fields = ["species", "uses", "elements", "note_nl", "note_en"]

    def get_uses(self, need: SpeciesNeed) -> list[str]:
        return [u for u in SpeciesNeed.USES if getattr(need, u)]


class RegionMeasureSerializer(serializers.ModelSerializer):
    measure: serializers.SlugRelatedField = serializers.SlugRelatedField(read_only=True, slug_field="slug")

    class Meta:
        model = RegionMeasure
        fields = ["measure", "priority", "note_nl", "note_en"]


class RegionDetailSerializer(RegionSummarySerializer):
    landscape_types: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    municipalities: serializers.SlugRelatedField = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
    species_needs = SpeciesNeedSerializer(many=True, read_only=True)
    measures = RegionMeasureSerializer(many=True, read_only=True, source="region_measures")

    class Meta(RegionSummarySerializer.Meta):
        fields = RegionSummarySerializer.Meta.fields + [
            "description_nl", "description_en", "landscape_types", "municipalities",
            "species_needs", "measures", "updated_at",
        ]  # fmt: skip


class MunicipalitySerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(read_only=True, slug_field="slug")

    class Meta:
        model = Municipality
        fields = ["nis_code", "name", "region"]


class PlaceAnswerSerializer(serializers.Serializer):
    """The finder's answer: the municipality meant, its region, and a note on what was typed."""

    query = serializers.CharField()
    note = serializers.CharField(
        help_text="E.g. “Borsbeek has been part of Antwerpen since 2025.”; empty if none."
    )
    municipality = MunicipalitySerializer()
    region = RegionSummarySerializer()
    extent = serializers.JSONField(
        allow_null=True,
        help_text="The municipality's bounds [[south, west], [north, east]] and a point inside it.",
    )


class LookupQuerySerializer(serializers.Serializer):
    """The lookup's query, for the API documentation; ``parse_point`` does the checking."""

    lat = serializers.FloatField(min_value=-90, max_value=90, help_text="WGS84 latitude")
    lon = serializers.FloatField(min_value=-180, max_value=180, help_text="WGS84 longitude")


POINT_LIMITS = {"lat": 90.0, "lon": 180.0}


def parse_point(params) -> tuple[float, float]:
    """``(lon, lat)`` from query parameters, or a ValidationError naming each bad field.

    Plain code rather than a serializer: this runs on every click on the map, and building DRF
    fields per request costs as much as the rest of the lookup.
    """
    values, errors = {}, {}
    for key, limit in POINT_LIMITS.items():
        raw = params.get(key)
        if raw is None or raw == "":
            errors[key] = [_("This parameter is required.")]
            continue
        try:
            value = float(raw)
        except ValueError:
            errors[key] = [_("A valid number is required.")]
            continue
        if not math.isfinite(value) or not -limit <= value <= limit:
            errors[key] = [
                _("Must be a number between %(low)s and %(high)s.") % {"low": -limit, "high": limit}
            ]
            continue
        values[key] = value
    if errors:
        raise serializers.ValidationError(errors)
    return values["lon"], values["lat"]
