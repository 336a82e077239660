"""API representations of the monitoring data."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from portal.dates import validate_end_after_start
from portal.serializers import DateField, ModelSerializer, PersonalFieldsMixin

from .models import RECORDED_FIELDS, Deployment, Observation, Structure, Taxon
from .permissions import is_team_member


class TaxonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Taxon
        fields = ["id", "scientific_name", "name_nl", "name_en", "rank", "kind", "taxon_class"]


class StructureSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Structure
        fields = [
            "id",
            "slug",
            "name",
            "structure_type",
            "latitude",
            "longitude",
            "region",
            "crosses",
            "crosses_name",
            "length_m",
            "width_m",
            "height_m",
            "construction_year",
            "description",
            "url",
        ]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class DeploymentSerializer(PersonalFieldsMixin, ModelSerializer):
    structure = serializers.SlugRelatedField(slug_field="slug", queryset=Structure.objects.all())

    def may_see_names(self, user) -> bool:
        """Who set a camera up, and the team's comments, are for the monitoring team only."""
        return user is not None and is_team_member(user)

    class Meta:
        model = Deployment
        fields = [
            "id",
            "structure",
            "code",
            "method",
            "position",
            "start",
            "end",
            "camera_model",
            "camera_id",
            "camera_height_m",
            "camera_settings",
            "setup_by",
            "comments",
        ]
        personal_fields = ["setup_by", "comments"]

    def validate(self, attrs):
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        validate_end_after_start(start=start, end=end)
        return attrs


class ObservationSerializer(ModelSerializer):
    taxon = serializers.SlugRelatedField(slug_field="scientific_name", queryset=Taxon.objects.all())
    deployment = serializers.PrimaryKeyRelatedField(queryset=Deployment.objects.all())
    created_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Observation
        fields = [
            "id",
            "deployment",
            *RECORDED_FIELDS,
            "review_status",
            "created_by",
            "created_at",
        ]
        read_only_fields = ["review_status", "created_by", "created_at"]


class ReviewSerializer(serializers.Serializer):
    review_status = serializers.ChoiceField(choices=Observation.Status.choices)


class SpeciesFiguresSerializer(serializers.Serializer):
    scientific_name = serializers.CharField(source="taxon.scientific_name")
    name = serializers.CharField(source="taxon.name")
    records = serializers.IntegerField()
    individuals = serializers.IntegerField()
    events = serializers.IntegerField()
    crossings = serializers.IntegerField()
    turned_back = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="Independent events per 100 trap-nights.")


class FiguresSerializer(serializers.Serializer):
    trap_nights = serializers.FloatField()
    deployments = serializers.IntegerField()
    events = serializers.IntegerField()
    crossings = serializers.IntegerField()
    turned_back = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    event_threshold_minutes = serializers.IntegerField()
    species = SpeciesFiguresSerializer(many=True)


class SelectionSerializer(serializers.Serializer):
    structure = serializers.SlugRelatedField(
        slug_field="slug", queryset=Structure.objects.all(), required=False
    )
    region = serializers.SlugField(required=False)
    date_from = DateField(required=False)
    date_to = DateField(required=False)

    def validate_region(self, value):
        from landscapes.models import Region

        region = Region.objects.filter(slug=value).first()
        if region is None:
            raise serializers.ValidationError(_("Unknown region."))
        return region
