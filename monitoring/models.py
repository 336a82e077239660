"""Fauna passages, the monitoring sessions at them and what those sessions recorded."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.dates import validate_end_after_start, validate_moment
from portal.files import UploadFileField, UploadImageField
from portal.i18n import Translated, current_language, in_active_language
from portal.text import validate_one_line
from portal.validators import validate_image_upload

# The largest count the column holds on every supported database (PostgreSQL's integer).
MAX_COUNT = 2_147_483_647
# What a person records about one sighting, in this order: the one list that the observation form's
# service, the API and the CSV import (which names the taxon "species") share.
RECORDED_FIELDS = (
    "taxon",
    "timestamp",
    "count",
    "direction",
    "outcome",
    "life_stage",
    "sex",
    "identified_by",
    "comments",
)


class Taxon(models.Model):
    """An entry of the taxon list; besides animals it holds the special kinds a camera records."""

    class Kind(models.TextChoices):
        ANIMAL = "animal", _("animal")
        HUMAN = "human", _("human")
        VEHICLE = "vehicle", _("vehicle")
        BLANK = "blank", _("blank")
        UNKNOWN = "unknown", _("unknown")
        UNCLASSIFIED = "unclassified", _("unclassified")

    class Rank(models.TextChoices):
        KINGDOM = "kingdom", _("kingdom")
        PHYLUM = "phylum", _("phylum")
        CLASS = "class", _("class")
        ORDER = "order", _("order")
        FAMILY = "family", _("family")
        GENUS = "genus", _("genus")
        SPECIES = "species", _("species")
        SUBSPECIES = "subspecies", _("subspecies")

    scientific_name = models.CharField(
        _("scientific name"), max_length=150, unique=True, validators=[validate_one_line]
    )
    name_nl = models.CharField(_("Dutch name"), max_length=150, validators=[validate_one_line])
    name_en = models.CharField(_("English name"), max_length=150, validators=[validate_one_line])
    rank = models.CharField(_("rank"), max_length=12, choices=Rank.choices, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ANIMAL)
    taxon_class = models.CharField(_("class"), max_length=60, blank=True, validators=[validate_one_line])
    taxon_id = models.CharField(
        _("taxon ID (URL)"), max_length=200, blank=True, validators=[validate_one_line]
    )

    name = Translated("name")

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("taxon")
        verbose_name_plural = _("taxa")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language with the scientific name, for lists and pickers."""
        if self.kind != self.Kind.ANIMAL:
            return self.name
        return f"{self.name} ({self.scientific_name})"


class CamtrapPackage(models.Model):
    """The datapackage.json of an imported Camtrap DP package: its metadata go out again on export."""

    package_id = models.CharField(
        _("package ID"), max_length=200, blank=True, db_index=True, validators=[validate_one_line]
    )
    title = models.CharField(_("title"), max_length=500, blank=True, validators=[validate_one_line])
    descriptor = models.JSONField(_("descriptor"), default=dict)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("imported Camtrap DP package")
        verbose_name_plural = _("imported Camtrap DP packages")

    def __str__(self) -> str:
        return self.title or self.package_id or str(self.pk)


class Structure(models.Model):
    """A fauna passage or other defragmentation measure that is monitored."""

    class Type(models.TextChoices):
        FAUNA_TUNNEL = "fauna_tunnel", _("fauna tunnel")
        AMPHIBIAN_TUNNEL = "amphibian_tunnel", _("amphibian tunnel")
        CULVERT_LEDGE = "culvert_ledge", _("culvert with dry ledge")
        ECODUCT = "ecoduct", _("ecoduct or wildlife bridge")
        ECOPIPE = "ecopipe", _("ecopipe")
        ROAD_UNDERPASS = "road_underpass", _("road underpass")
        OTHER = "other", _("other")

    class Crosses(models.TextChoices):
        ROAD = "road", _("road")
        RAILWAY = "railway", _("railway")
        CANAL = "canal", _("canal")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150, validators=[validate_one_line])
    structure_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    region = models.ForeignKey(
        "landscapes.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="monitoring_structures",  # set by services.save_structure from the location
        verbose_name=_("region"),
    )
    crosses = models.CharField(_("crosses"), max_length=10, choices=Crosses.choices, default=Crosses.ROAD)
    crosses_name = models.CharField(
        _("name of the infrastructure crossed"),
        max_length=120,
        blank=True,
        help_text=_("E.g. N16, E19."),
        validators=[validate_one_line],
    )
    length_m = models.DecimalField(_("length (m)"), max_digits=6, decimal_places=2, null=True, blank=True)
    width_m = models.DecimalField(_("width (m)"), max_digits=6, decimal_places=2, null=True, blank=True)
    height_m = models.DecimalField(_("height (m)"), max_digits=6, decimal_places=2, null=True, blank=True)
    construction_year = models.PositiveSmallIntegerField(
        _("construction year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    description = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    external_id = models.CharField(
        _("external location ID"), max_length=100, blank=True, db_index=True, validators=[validate_one_line]
    )
    open_for_students = models.BooleanField(
        _("open for student monitoring"),
        default=False,
        help_text=_("Listed on the students' page: interns and student projects may monitor it."),
    )
    student_tasks = models.TextField(
        _("what students can do here"),
        blank=True,
        help_text=_("Shown on the students' page, e.g. reading track plates or classifying camera images."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:structure-detail", kwargs={"slug": self.slug})

    @property
    def local_description(self) -> str:
        """The description in the page's language; the Dutch one when there is no English text."""
        own = self.description_en if current_language() == "en" else self.description
        return in_active_language(own, self.description)


class StructurePhoto(models.Model):
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="photos", verbose_name=_("structure")
    )
    image = UploadImageField(
        _("photo"), upload_to="monitoring/structures/", validators=[validate_image_upload]
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True, validators=[validate_one_line])

    class Meta:
        ordering = ["id"]
        verbose_name = _("structure photo")
        verbose_name_plural = _("structure photos")

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class Deployment(models.Model):
    """One monitoring session: a method at a position of a structure between two moments."""

    class Method(models.TextChoices):
        CAMERA = "camera", _("camera trap")
        FYKE = "fyke", _("fyke")
        TRACK_PLATE = "track_plate", _("track or ink plate")
        VISUAL = "visual", _("visual count")

    class Position(models.TextChoices):
        SIDE_A = "A", _("entrance side A")
        SIDE_B = "B", _("entrance side B")
        INSIDE = "inside", _("inside")
        UNKNOWN = "unknown", _("unknown")

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="deployments", verbose_name=_("structure")
    )
    code = models.CharField(_("code"), max_length=100, unique=True, validators=[validate_one_line])
    method = models.CharField(_("method"), max_length=12, choices=Method.choices, default=Method.CAMERA)
    position = models.CharField(
        _("position"), max_length=8, choices=Position.choices, default=Position.INSIDE
    )
    start = models.DateTimeField(_("start"), validators=[validate_moment])
    end = models.DateTimeField(_("end"), validators=[validate_moment])
    camera_model = models.CharField(
        _("camera model"), max_length=100, blank=True, validators=[validate_one_line]
    )
    camera_id = models.CharField(_("camera ID"), max_length=100, blank=True, validators=[validate_one_line])
    camera_height_m = models.DecimalField(
        _("camera height (m)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    camera_settings = models.JSONField(_("camera settings"), default=dict, blank=True)
    setup_by = models.CharField(_("set up by"), max_length=150, blank=True, validators=[validate_one_line])
    assigned_students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="monitoring_deployments",
        verbose_name=_("assigned students"),
    )
    comments = models.TextField(_("comments"), blank=True)
    coordinate_uncertainty_m = models.PositiveIntegerField(
        _("coordinate uncertainty (m)"),
        null=True,
        blank=True,
        help_text=_("How far the camera may be from the structure's point; empty: the portal's default."),
    )
    camtrap_package = models.ForeignKey(
        "CamtrapPackage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="deployments",
        verbose_name=_("imported from package"),
    )
    # Camtrap DP fields the portal has no column for, kept as read so an export gives them back
    # (NULL when there are none, so bulk loads need not write it).
    camtrap_fields = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-start"]
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="deployment_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure.name} · {self.get_method_display()} · {self.start:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:deployment-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        validate_end_after_start(start=self.start, end=self.end)


class DeploymentFailure(models.Model):
    """A period in which a deployment did not work: it does not count as effort."""

    deployment = models.ForeignKey(
        Deployment, on_delete=models.CASCADE, related_name="failures", verbose_name=_("deployment")
    )
    start = models.DateTimeField(_("start"), validators=[validate_moment])
    end = models.DateTimeField(_("end"), validators=[validate_moment])
    reason = models.CharField(_("reason"), max_length=200, blank=True, validators=[validate_one_line])

    class Meta:
        ordering = ["start"]
        verbose_name = _("failure period")
        verbose_name_plural = _("failure periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="failure_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} – {self.end:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        validate_end_after_start(start=self.start, end=self.end)


class Media(models.Model):
    """A photo or video a camera trap took, stored here or referenced by its URL."""

    class CaptureMethod(models.TextChoices):
        ACTIVITY = "activityDetection", _("activity detection")
        TIME_LAPSE = "timeLapse", _("time lapse")

    deployment = models.ForeignKey(
        Deployment, on_delete=models.CASCADE, related_name="media", verbose_name=_("deployment")
    )
    external_id = models.CharField(
        _("media ID"), max_length=100, blank=True, db_index=True, validators=[validate_one_line]
    )
    timestamp = models.DateTimeField(_("time"), validators=[validate_moment])
    file = UploadFileField(_("file"), upload_to="monitoring/media/%Y/%m/", blank=True)
    file_path = models.CharField(_("file URL"), max_length=500, blank=True, validators=[validate_one_line])
    file_name = models.CharField(_("file name"), max_length=255, blank=True, validators=[validate_one_line])
    mediatype = models.CharField(
        _("media type"), max_length=60, default="image/jpeg", validators=[validate_one_line]
    )
    capture_method = models.CharField(
        _("capture method"), max_length=20, choices=CaptureMethod.choices, default=CaptureMethod.ACTIVITY
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file_public = models.BooleanField(
        _("public file"),
        default=True,
        db_default=True,
        help_text=_("Off: the picture is never shown to the public nor marked public in an export."),
    )
    camtrap_fields = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["timestamp"]
        verbose_name = _("media file")
        verbose_name_plural = _("media files")
        indexes = [models.Index(fields=["deployment", "timestamp"], name="mon_media_dep_ts")]

    def __str__(self) -> str:
        return self.file_name or self.external_id or str(self.pk)


class LocalMonthField(models.PositiveSmallIntegerField):
    """The month (1–12) of the row's ``timestamp`` in the portal's time zone, set on every save and
    bulk insert (Django calls ``pre_save`` for both), so statistics per month group on a stored
    column instead of converting a million timestamps to local time per query."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # Migrations record a plain small integer: they stay history whatever this class becomes.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveSmallIntegerField", args, kwargs

    def pre_save(self, model_instance, add):
        moment = model_instance.timestamp
        value = local_month(moment) if moment is not None else None
        setattr(model_instance, self.attname, value)
        return value


def local_month(moment) -> int:
    """The month of an aware moment in the portal's time zone."""
    return timezone.localtime(moment).month


class Observation(models.Model):
    """What was seen, caught or tracked at a deployment at one moment."""

    class Direction(models.TextChoices):
        A_TO_B = "a_to_b", _("A to B")
        B_TO_A = "b_to_a", _("B to A")
        UNKNOWN = "unknown", _("unknown")

    class Outcome(models.TextChoices):
        CROSSING = "crossing", _("full crossing")
        TURNED_BACK = "turned_back", _("approached and turned back")
        UNKNOWN = "unknown", _("unknown")

    class LifeStage(models.TextChoices):
        ADULT = "adult", _("adult")
        SUBADULT = "subadult", _("subadult")
        JUVENILE = "juvenile", _("juvenile")

    class Sex(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")

    class Status(models.TextChoices):
        TO_CHECK = "to_check", _("to check")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    class Level(models.TextChoices):
        MEDIA = "media", _("media")
        EVENT = "event", _("event")

    # Each column with a default has it in the database too (``db_default``): the bulk loader sends
    # only the values a row brings and PostgreSQL fills in the rest, instead of a million copies.
    # The composite indexes below start with these columns, so the single-column FK indexes
    # Django would add are left out: fewer indexes to update on every bulk load.
    deployment = models.ForeignKey(
        Deployment,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("deployment"),
        db_index=False,
    )
    taxon = models.ForeignKey(
        Taxon,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("species"),
        db_index=False,
    )
    timestamp = models.DateTimeField(_("date and time"), validators=[validate_moment])
    month = LocalMonthField()
    event_end = models.DateTimeField(
        _("end of the event"), null=True, blank=True, validators=[validate_moment]
    )
    count = models.PositiveIntegerField(
        _("count"),
        null=True,
        blank=True,
        default=1,
        db_default=1,
        validators=[MaxValueValidator(MAX_COUNT)],
    )
    direction = models.CharField(
        _("direction"),
        max_length=8,
        choices=Direction.choices,
        default=Direction.UNKNOWN,
        db_default=Direction.UNKNOWN,
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=Outcome.choices,
        default=Outcome.UNKNOWN,
        db_default=Outcome.UNKNOWN,
    )
    life_stage = models.CharField(
        _("life stage"), max_length=10, choices=LifeStage.choices, blank=True, db_default=""
    )
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True, db_default="")
    behaviour = models.CharField(
        _("behaviour"), max_length=200, blank=True, db_default="", validators=[validate_one_line]
    )
    media = models.ForeignKey(
        Media,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("photo or video"),
        db_index=False,
    )
    level = models.CharField(
        _("observation level"),
        max_length=6,
        choices=Level.choices,
        default=Level.EVENT,
        db_default=Level.EVENT,
    )
    # The Camtrap DP eventID: the media-level and event-level observations of one event share it.
    event_id = models.CharField(
        _("event ID"), max_length=100, blank=True, db_default="", validators=[validate_one_line]
    )
    identified_by = models.CharField(
        _("identified by"), max_length=150, blank=True, db_default="", validators=[validate_one_line]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitoring_observations",
        verbose_name=_("entered by"),
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    review_status = models.CharField(
        _("review status"),
        max_length=10,
        choices=Status.choices,
        default=Status.TO_CHECK,
        db_default=Status.TO_CHECK,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    external_id = models.CharField(
        _("observation ID"), max_length=100, blank=True, db_default="", validators=[validate_one_line]
    )
    comments = models.TextField(_("comments"), blank=True, db_default="")
    camtrap_fields = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-timestamp"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        # Every index is paid for on each bulk load, so there are no redundant ones: the
        # (deployment, taxon, timestamp) index also serves filters on the deployment alone, and
        # indexes on columns that bulk loads leave empty or at their usual value are partial.
        indexes = [
            # The event rule partitions by (deployment, taxon) ordered by time (and id on a tie),
            # reading the status, outcome and count: on PostgreSQL a structure's statistics come
            # from this index alone, in its order, without visiting the table or sorting.
            models.Index(
                fields=["deployment", "taxon", "timestamp", "id", "review_status", "outcome", "count"],
                name="mon_obs_dep_taxon_ts_id",
            ),
            models.Index(fields=["taxon", "timestamp"], name="mon_obs_taxon_ts"),
            models.Index(
                fields=["review_status", "timestamp"],
                name="mon_obs_unconfirmed_ts",
                condition=~models.Q(review_status="confirmed"),
            ),
            models.Index(
                fields=["created_by", "timestamp"],
                name="mon_obs_creator_ts",
                condition=models.Q(created_by__isnull=False),
            ),
            models.Index(fields=["media"], name="mon_obs_media", condition=models.Q(media__isnull=False)),
            models.Index(
                fields=["reviewed_by"], name="mon_obs_reviewer", condition=models.Q(reviewed_by__isnull=False)
            ),
            models.Index(
                fields=["deployment", "event_id"],
                name="mon_obs_event_level",
                condition=models.Q(level="event") & ~models.Q(event_id=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taxon.name} · {self.timestamp:%Y-%m-%d %H:%M}"
