"""Stakeholder meetings per region, the people who register for them and the plans they start."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landscapes.models import Measure, Region
from portal.dates import validate_date_in_range, validate_end_after_start, validate_moment
from portal.files import UploadFileField
from portal.i18n import Translated
from portal.models import TimeStamped
from portal.text import validate_one_line
from portal.validators import validate_pdf_upload

from .text import sanitise_minutes

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]
# Remarks from the public are free text: long enough for a real question, not for a pasted document.
REMARKS_MAX_LENGTH = 2000


def new_token() -> str:
    return secrets.token_urlsafe(32)


class StakeholderGroup(models.Model):
    """Who a meeting invites: municipalities, farmers, companies, schools, nature organisations..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120, validators=[validate_one_line])
    name_en = models.CharField(_("name (English)"), max_length=120, validators=[validate_one_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = Translated("name")

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self) -> str:
        return self.name


class Meeting(TimeStamped):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")
        HELD = "held", _("held")

    # Stable identity for calendar programs (the iCalendar UID), also across copies' edits.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, validators=[validate_one_line])
    title_en = models.CharField(
        _("title (English)"), max_length=200, blank=True, validators=[validate_one_line]
    )
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    regions = models.ManyToManyField(Region, related_name="meetings", verbose_name=_("regions"))
    starts_at = models.DateTimeField(_("starts at"), db_index=True, validators=[validate_moment])
    ends_at = models.DateTimeField(_("ends at"), validators=[validate_moment])
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True, validators=[validate_one_line])
    venue_address = models.CharField(_("address"), max_length=300, blank=True, validators=[validate_one_line])
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Only shown to people who registered.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    registration_deadline = models.DateTimeField(_("registration deadline"), validators=[validate_moment])
    stakeholder_groups = models.ManyToManyField(
        StakeholderGroup, blank=True, related_name="meetings", verbose_name=_("invited stakeholder groups")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="copies"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The report, recorded after the meeting.
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Rich text; unsafe markup is removed."))
    attendee_count = models.PositiveIntegerField(_("number of attendees"), null=True, blank=True)
    organisations_present = models.TextField(
        _("organisations present"), blank=True, help_text=_("One organisation per line.")
    )
    report_published = models.BooleanField(_("report published"), default=False)

    title = Translated("title")
    description = Translated("description")

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        validate_end_after_start(
            start=self.starts_at,
            end=self.ends_at,
            field="ends_at",
            message=_("The meeting must end after it starts."),
        )
        if self.report_published and self.ends_at and self.ends_at > timezone.now():
            message = _("The report and attendance can be published once the meeting has ended.")
            raise ValidationError({"report_published": ValidationError(message, code="not_ended")})

    def save(self, *args, **kwargs) -> None:
        self.minutes = sanitise_minutes(self.minutes)
        super().save(*args, **kwargs)

    @property
    def report_is_public(self) -> bool:
        """The report (minutes, attendance, documents) shows once published, never before the end."""
        return self.report_published and self.is_public and self.is_past

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_venue(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def has_online_link(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def registration_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and timezone.now() <= self.registration_deadline

    @property
    def organisations_present_list(self) -> list[str]:
        return [line.strip() for line in self.organisations_present.splitlines() if line.strip()]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    time = models.TimeField(_("time"))
    title_nl = models.CharField(_("item (Dutch)"), max_length=200, validators=[validate_one_line])
    title_en = models.CharField(
        _("item (English)"), max_length=200, blank=True, validators=[validate_one_line]
    )
    title = Translated("title")

    class Meta:
        ordering = ["meeting", "position", "time"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.time:%H:%M} {self.title}"


class MeetingDocument(TimeStamped):
    """A document attached to the report: PDF only, checked to really be one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200, validators=[validate_one_line])
    file = UploadFileField(
        _("file (PDF)"),
        upload_to="meetings/documents/",
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_upload],
    )

    class Meta:
        ordering = ["meeting", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:document", kwargs={"pk": self.pk})


class Registration(TimeStamped):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=150, validators=[validate_one_line])
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_one_line]
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("stakeholder group"),
    )
    remarks = models.TextField(_("remarks"), blank=True)
    dietary_needs = models.CharField(
        _("dietary needs"), max_length=300, blank=True, validators=[validate_one_line]
    )
    consent_at = models.DateTimeField(_("privacy consent given at"))
    language = models.CharField(_("language"), max_length=8, default="nl", validators=[validate_one_line])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, validators=[validate_one_line]
    )
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=Q(anonymised_at__isnull=True) & ~Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:registration-detail", kwargs={"token": self.token})


class Outcome(TimeStamped):
    """A plan or idea that came out of a meeting, with the landscape-image measures it realises."""

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        REALISED = "realised", _("realised")
        DROPPED = "dropped", _("dropped")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("meeting")
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, validators=[validate_one_line])
    title_en = models.CharField(
        _("title (English)"), max_length=200, blank=True, validators=[validate_one_line]
    )
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="meeting_outcomes", verbose_name=_("measures")
    )
    organisation = models.CharField(
        _("taken up by (organisation)"), max_length=200, blank=True, validators=[validate_one_line]
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True, validators=[validate_one_line])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True, validators=[validate_date_in_range])
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Planned or actual."),
        validators=[validate_date_in_range],
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS)
    is_public = models.BooleanField(_("published"), default=False)

    title = Translated("title")
    description = Translated("description")

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        validate_end_after_start(
            start=self.start_date,
            end=self.end_date,
            field="end_date",
            message=_("The end date cannot be before the start date."),
            same_allowed=True,
        )
