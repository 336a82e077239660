"""API representations. Foreign keys a user may set are limited to what that user may see."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from landscapes.models import Measure
from portal.serializers import ModelSerializer

from .models import (
    ActionPlanItem,
    Answer,
    Choice,
    Question,
    QuestionnaireVersion,
    Scan,
    ScanResult,
    Site,
    Theme,
)
from .permissions import companies_for, sites_for
from .services import validate_value


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ("code", "label_nl", "label_en", "score")


class QuestionSerializer(serializers.ModelSerializer):
    choices = ChoiceSerializer(many=True, read_only=True)
    condition_question: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Question
        fields = (
            "code",
            "kind",
            "text_nl",
            "text_en",
            "help_nl",
            "help_en",
            "unit",
            "min_value",
            "max_value",
            "required",
            "weight",
            "condition_question",
            "condition_values",
            "choices",
        )


class ThemeSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = ("code", "position", "name_nl", "name_en", "intro_nl", "intro_en", "weight", "questions")


class QuestionnaireListSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionnaireVersion
        fields = ("number", "title", "published", "created_at")


class QuestionnaireSerializer(QuestionnaireListSerializer):
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta(QuestionnaireListSerializer.Meta):
        fields = (*QuestionnaireListSerializer.Meta.fields, "themes")  # type: ignore[assignment]


class VisibleCompanyField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return companies_for(user=self.context["request"].user)


class VisibleSiteField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return sites_for(user=self.context["request"].user)


class SiteSerializer(serializers.ModelSerializer):
    company = VisibleCompanyField()
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Site
        fields = (
            "id",
            "company",
            "name",
            "address",
            "latitude",
            "longitude",
            "surface_m2",
            "sector",
            "activity",
            "region",
        )
        # A taken name is refused by services.save_site, with the field named.
        validators: list = []

    def validate(self, attrs):
        from landscapes.selectors import region_in_province

        company = attrs.get("company")
        if self.instance is not None and company is not None and company != self.instance.company:
            raise serializers.ValidationError(
                {"company": [_("A site cannot move to another company: its scans belong to this one.")]}
            )
        lat = attrs.get("latitude", getattr(self.instance, "latitude", None))
        lon = attrs.get("longitude", getattr(self.instance, "longitude", None))
        if lat is not None and lon is not None:
            try:
                region_in_province(lon=lon, lat=lat)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"latitude": error.messages}) from None
        return attrs


class ScanResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScanResult
        fields = ("overall", "level", "theme_scores", "computed_at")


class ScanSerializer(serializers.ModelSerializer):
    site = VisibleSiteField()
    version: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="number", read_only=True)
    result = ScanResultSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Scan
        fields = ("id", "site", "version", "status", "current_step", "started_at", "completed_at", "result")
        read_only_fields = ("status", "current_step", "started_at", "completed_at")
        # Posting for a site with a scan in progress resumes it (services.start_scan): no unique check here.
        validators: list = []


class AnswerSerializer(serializers.ModelSerializer):
    """An answer by question code.

    ``value`` is "yes"/"no", a choice code, a list of codes, a number or a text.
    """

    question = serializers.SlugRelatedField(slug_field="code", queryset=Question.objects.none())
    value = serializers.JSONField(allow_null=True)

    class Meta:
        model = Answer
        fields = ("question", "value", "updated_at")
        read_only_fields = ("updated_at",)

    def __init__(self, *args, scan: Scan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if scan is not None:
            questions = Question.objects.filter(theme__version=scan.version_id)
            self.fields["question"].queryset = questions  # type: ignore[attr-defined]

    def validate(self, attrs):
        try:
            attrs["value"] = validate_value(question=attrs["question"], value=attrs["value"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"value": exc.messages}) from None
        return attrs


class ActionPlanItemSerializer(ModelSerializer):
    site = VisibleSiteField()
    measure = serializers.SlugRelatedField(slug_field="slug", queryset=Measure.objects.all())

    class Meta:
        model = ActionPlanItem
        fields = ("id", "site", "scan", "measure", "owner", "target_date", "done", "done_at", "created_at")
        read_only_fields = ("scan", "done_at", "created_at")
        # Adding a measure that is in the plan already updates it (services.add_to_plan), as on the page.
        validators: list = []

    def validate(self, attrs):
        site, measure = attrs.get("site"), attrs.get("measure")
        if self.instance is not None and site is not None and site != self.instance.site:
            raise serializers.ValidationError({"site": [_("An action cannot move to another site.")]})
        if self.instance is not None and measure is not None and measure != self.instance.measure:
            raise serializers.ValidationError(
                {"measure": [_("An action keeps its measure: add the other measure as a new action.")]}
            )
        return attrs
