"""Requests for advice to the province's ecologists, and how the team handles them."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from landscapes.models import Measure, Municipality, Region
from monitoring.models import Structure
from portal.files import UploadFileField
from portal.models import TimeStamped
from portal.text import validate_one_line

DESCRIPTION_MAX_LENGTH = 5000
# A history line's detail: a reason or names, on one line (the reason is kept whole on the request).
HISTORY_DETAIL_MAX_LENGTH = 300


def new_token() -> str:
    """The requester's personal link: unguessable, so it is the only key to their request."""
    return secrets.token_urlsafe(32)


PHOTO_SUFFIXES = {"jpg", "jpeg", "png", "webp"}


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A private folder and a random name: the file is only ever served after a check.

    The suffix follows what the file was checked to be, never what the sender called it.
    """
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if instance.kind == "document":
        suffix = "pdf"
    elif suffix not in PHOTO_SUFFIXES:
        suffix = "img"
    return f"advice/attachments/{secrets.token_hex(16)}.{suffix}"


def letter_path(instance: "AdviceRequest", filename: str) -> str:
    return f"advice/letters/{secrets.token_hex(16)}.pdf"


class AdviceRequest(TimeStamped):
    class OrganisationType(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        COMPANY = "company", _("company")
        FARMER = "farmer", _("farmer")
        SCHOOL = "school", _("school")
        CITIZEN = "citizen", _("citizen")

    class Topic(models.TextChoices):
        BIODIVERSITY = "biodiversity", _("advice on improving biodiversity")
        FRAGMENTATION = "fragmentation", _("advice against fragmentation")
        FAUNA_PASSAGE = "fauna_passage", _("design of a wildlife crossing or fauna passage")
        PLAN_NATURE = "plan_nature", _("management plan: nature")
        PLAN_FOREST = "plan_forest", _("management plan: forest")
        PLAN_LANDSCAPE = "plan_landscape", _("management plan: landscape")

    class Status(models.TextChoices):
        NEW = "new", _("received")
        ACCEPTED = "accepted", _("accepted")
        REFERRED = "referred", _("referred")
        DECLINED = "declined", _("declined")
        ANSWERED = "answered", _("answered")

    CLOSED = (Status.REFERRED, Status.DECLINED, Status.ANSWERED)

    # Who asks (personal data, erased on schedule).
    name = models.CharField(_("name"), max_length=150, validators=[validate_one_line])
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("telephone"), max_length=40, blank=True, validators=[validate_one_line])
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_one_line]
    )
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices, db_index=True
    )
    # What and where.
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, db_index=True)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_requests",
        verbose_name=_("municipality"),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_requests",
        verbose_name=_("region"),
    )
    consent_at = models.DateTimeField(_("privacy consent given at"))
    language = models.CharField(_("language"), max_length=8, default="nl", validators=[validate_one_line])
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, validators=[validate_one_line]
    )
    # How the team handles it.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    decision_reason = models.TextField(
        _("reason given to the requester"),
        blank=True,
        help_text=_("Why the request was declined, or to whom it was referred."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_requests",
        verbose_name=_("assigned to"),
    )
    site_visit_on = models.DateField(_("site visit"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    letter = UploadFileField(_("advice letter (PDF)"), upload_to=letter_path, blank=True, editable=False)
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="advice_requests", verbose_name=_("measures concerned")
    )
    structure = models.ForeignKey(
        Structure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_requests",
        verbose_name=_("fauna-passage structure concerned"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")

    def __str__(self) -> str:
        return f"{self.reference} · {self.get_topic_display()}"

    @property
    def reference(self) -> str:
        """The number the requester and the team quote in mails and on the phone."""
        year = self.created_at.year if self.created_at else ""
        return f"ADV-{year}-{self.pk or 0:04d}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def get_absolute_url(self) -> str:
        """The requester's personal page (the token is the key)."""
        return reverse("advice:follow", kwargs={"token": self.token})

    def get_staff_url(self) -> str:
        return reverse("advice:staff-detail", kwargs={"pk": self.pk})


class Attachment(TimeStamped):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        DOCUMENT = "document", _("document")

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = UploadFileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200, validators=[validate_one_line])

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class HistoryEntry(models.Model):
    """One step in the handling of a request: who did what, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("request received")
        ACCEPTED = "accepted", _("accepted")
        REFERRED = "referred", _("referred")
        DECLINED = "declined", _("declined")
        ASSIGNED = "assigned", _("assigned")
        VISIT_PLANNED = "visit_planned", _("site visit planned")
        LINKED = "linked", _("measures and structure linked")
        ANSWERED = "answered", _("answer sent")

    # What the requester sees on their page; the rest (assignment, links) is for the team only.
    PUBLIC = {
        Action.SUBMITTED,
        Action.ACCEPTED,
        Action.REFERRED,
        Action.DECLINED,
        Action.VISIT_PLANNED,
        Action.ANSWERED,
    }

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    status = models.CharField(_("status afterwards"), max_length=20, choices=AdviceRequest.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    detail = models.CharField(
        _("detail"), max_length=HISTORY_DETAIL_MAX_LENGTH, blank=True, validators=[validate_one_line]
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["request", "created_at", "id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class InternalNote(TimeStamped):
    """A note of the team about a request; never shown to the requester."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=4000)

    class Meta:
        ordering = ["request", "created_at", "id"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return self.text[:60]
