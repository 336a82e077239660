from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from landscapes.models import Measure
from monitoring.models import Structure
from portal.text import validate_one_line

from . import selectors
from .models import DESCRIPTION_MAX_LENGTH, AdviceRequest, Attachment, HistoryEntry, InternalNote


def choice_field(choices, **kwargs) -> serializers.ChoiceField:
    """A choice documented inline (several models have a ``status``, each with its own values)."""

    @extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices, **kwargs)


class AdviceRequestInSerializer(serializers.Serializer):
    """A request for advice; the same rules as the form (location, files, consent)."""

    name = serializers.CharField(max_length=150, validators=[validate_one_line])
    email = serializers.EmailField()
    phone = serializers.CharField(
        max_length=40, validators=[validate_one_line], required=False, default="", allow_blank=True
    )
    organisation_type = choice_field(AdviceRequest.OrganisationType.choices)
    organisation = serializers.CharField(
        max_length=200, validators=[validate_one_line], required=False, default="", allow_blank=True
    )
    topic = choice_field(AdviceRequest.Topic.choices)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    municipality = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Dutch name of the municipality; not needed when latitude and longitude are given.",
    )
    latitude = serializers.FloatField(
        required=False, allow_null=True, default=None, min_value=-90, max_value=90
    )
    longitude = serializers.FloatField(
        required=False, allow_null=True, default=None, min_value=-180, max_value=180
    )
    photos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text="JPEG, PNG or WebP (multipart).",
    )
    documents = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="PDF (multipart)."
    )
    consent = serializers.BooleanField(help_text="Agreement with the privacy statement; must be true.")

    def validate_municipality(self, value: str):
        if not value:
            return None
        municipality = selectors.find_municipality(name=value)
        if municipality is None:
            raise serializers.ValidationError(_("Unknown municipality."))
        return municipality


class AdviceRequestCreatedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    region = serializers.CharField(allow_null=True)
    detail = serializers.CharField()


class AdviceAttachmentSerializer(serializers.ModelSerializer):
    kind = choice_field(Attachment.Kind.choices)

    class Meta:
        model = Attachment
        fields = ["id", "kind", "original_name"]


class AdviceHistorySerializer(serializers.ModelSerializer):
    action = choice_field(HistoryEntry.Action.choices)
    status = serializers.ChoiceField(choices=AdviceRequest.Status.choices)
    actor: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = HistoryEntry
        fields = ["action", "status", "actor", "detail", "created_at"]


class AdviceNoteSerializer(serializers.ModelSerializer):
    author: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = InternalNote
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class AdviceQueueItemSerializer(serializers.ModelSerializer):
    """A request as the team sees it in the queue."""

    reference = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=AdviceRequest.Status.choices, read_only=True)
    topic = choice_field(AdviceRequest.Topic.choices, read_only=True)
    organisation_type = choice_field(AdviceRequest.OrganisationType.choices, read_only=True)
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    municipality: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="name", read_only=True
    )
    assigned_to: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = AdviceRequest
        fields = [
            "id",
            "reference",
            "created_at",
            "status",
            "topic",
            "organisation_type",
            "organisation",
            "name",
            "region",
            "municipality",
            "assigned_to",
            "site_visit_on",
            "answered_at",
        ]


class AdviceRequestDetailSerializer(AdviceQueueItemSerializer):
    measures: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    structure: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    attachments = AdviceAttachmentSerializer(many=True, read_only=True)
    history = AdviceHistorySerializer(many=True, read_only=True)
    notes = AdviceNoteSerializer(many=True, read_only=True)

    class Meta(AdviceQueueItemSerializer.Meta):
        fields = AdviceQueueItemSerializer.Meta.fields + [
            "email",
            "phone",
            "description",
            "latitude",
            "longitude",
            "language",
            "decision_reason",
            "answer",
            "measures",
            "structure",
            "attachments",
            "history",
            "notes",
        ]


class AdviceTriageSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accept", "refer", "decline"])
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AdviceAssignSerializer(serializers.Serializer):
    assignee: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", queryset=selectors.team_members()
    )


class AdviceVisitSerializer(serializers.Serializer):
    site_visit_on = serializers.DateField()


class AdviceLinkSerializer(serializers.Serializer):
    measures: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        queryset=Measure.objects.all(),
        required=False,
        default=list,  # type: ignore[arg-type]
    )
    structure: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", queryset=Structure.objects.all(), required=False, allow_null=True, default=None
    )


class AdviceAnswerSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)


class AdviceCountSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True)
    label = serializers.CharField(allow_null=True)  # type: ignore[assignment]
    count = serializers.IntegerField()
    share = serializers.IntegerField(help_text="The count as a percentage of the largest count of the list.")


class AdviceFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    per_region = AdviceCountSerializer(many=True)
    per_topic = AdviceCountSerializer(many=True)
    per_month = AdviceCountSerializer(many=True)
