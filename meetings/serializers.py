from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.serializers import PersonalFieldsMixin
from portal.text import validate_one_line

from . import selectors
from .models import REMARKS_MAX_LENGTH, AgendaItem, Meeting, Outcome, Registration, StakeholderGroup
from .permissions import is_organiser


def status_field(choices, **kwargs) -> serializers.ChoiceField:
    """A status choice documented inline: several models have a ``status``, each with its own values."""

    @extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})
    class StatusField(serializers.ChoiceField):
        pass

    return StatusField(choices=choices, **kwargs)


class AgendaItemSerializer(serializers.ModelSerializer):
    time = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["position", "time", "title_nl", "title_en"]

    @extend_schema_field(OpenApiTypes.TIME)
    def get_time(self, item: AgendaItem) -> str:
        """An RFC 3339 time with the offset of the portal's time zone on the day of the meeting."""
        local = ZoneInfo(settings.TIME_ZONE)
        day = item.meeting.starts_at.astimezone(local).date()
        return datetime.combine(day, item.time, tzinfo=local).isoformat(timespec="seconds")[11:]


class MeetingSerializer(serializers.ModelSerializer):
    """A public meeting: no attendee data and no online link."""

    regions: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    stakeholder_groups: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)
    seats_left = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()
    status = status_field(Meeting.Status.choices, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "uid",
            "title_nl",
            "title_en",
            "description_nl",
            "description_en",
            "regions",
            "starts_at",
            "ends_at",
            "registration_deadline",
            "format",
            "venue_name",
            "venue_address",
            "latitude",
            "longitude",
            "capacity",
            "seats_left",
            "stakeholder_groups",
            "status",
            "agenda",
            "url",
            "calendar_url",
        ]

    def get_seats_left(self, meeting: Meeting) -> int:
        return selectors.seats_left(meeting=meeting)

    def get_url(self, meeting: Meeting) -> str:
        return self.context["request"].build_absolute_uri(meeting.get_absolute_url())

    def get_calendar_url(self, meeting: Meeting) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("meetings:calendar-meeting", args=[meeting.pk])
        )


class OutcomeSerializer(PersonalFieldsMixin, serializers.ModelSerializer):
    meeting: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    regions = serializers.SerializerMethodField()
    measures: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    status = status_field(Outcome.Status.choices, read_only=True)

    class Meta:
        model = Outcome
        fields = [
            "id",
            "meeting",
            "regions",
            "title_nl",
            "title_en",
            "description_nl",
            "description_en",
            "measures",
            "organisation",
            "contact",
            "status",
            "start_date",
            "end_date",
            "latitude",
            "longitude",
        ]
        personal_fields = ["contact"]

    def may_see_names(self, user) -> bool:
        """The contact person of a plan is for the organisers; the public sees the organisation."""
        return user is not None and is_organiser(user)

    def get_regions(self, outcome: Outcome) -> list[str]:
        return [r.slug for r in outcome.meeting.regions.all()]


class RegistrationRequestSerializer(serializers.Serializer):
    """What the public registration endpoint accepts: the same fields and rules as the form."""

    name = serializers.CharField(max_length=150, validators=[validate_one_line])
    email = serializers.EmailField(max_length=Registration._meta.get_field("email").max_length)
    organisation = serializers.CharField(
        max_length=200, validators=[validate_one_line], required=False, allow_blank=True, default=""
    )
    stakeholder_group = serializers.SlugRelatedField(
        slug_field="code", queryset=StakeholderGroup.objects.all()
    )
    remarks = serializers.CharField(
        max_length=REMARKS_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    dietary_needs = serializers.CharField(
        max_length=300, validators=[validate_one_line], required=False, allow_blank=True, default=""
    )
    consent = serializers.BooleanField(help_text=_("Must be true: agreement to the privacy statement."))

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("You must agree to the privacy statement to register."))
        return value


class RegistrationResultSerializer(serializers.Serializer):
    """The answer: only the outcome; the personal link goes to the e-mail address, never back here."""

    status = serializers.CharField(help_text="confirmed or waiting")
    detail = serializers.CharField()


class StaffRegistrationSerializer(serializers.ModelSerializer):
    stakeholder_group: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    status = status_field(Registration.Status.choices, read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "meeting",
            "name",
            "email",
            "organisation",
            "stakeholder_group",
            "remarks",
            "dietary_needs",
            "status",
            "attended",
            "created_at",
            "promoted_at",
            "cancelled_at",
            "reminded_at",
        ]
        read_only_fields = [f for f in fields if f != "attended"]
