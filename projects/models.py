"""Realised projects: business-site makeovers (2B Connect), water buffers, fauna passages,
school and public greening, and meeting outcomes that were carried out."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.files import UploadImageField
from portal.i18n import Translated
from portal.models import TimeStamped
from portal.text import validate_one_line
from portal.validators import validate_image_upload

from .constants import TWO_B_CONNECT


class Project(TimeStamped):
    class Kind(models.TextChoices):
        BUSINESS_SITE = "business_site", _("business-site makeover")
        WATER_BUFFER = "water_buffer", _("water buffer")
        FAUNA_PASSAGE = "fauna_passage", _("fauna passage")
        SCHOOL_GREENING = "school_greening", _("school greening")
        PUBLIC_GREENING = "public_greening", _("public greening")
        MEETING_OUTCOME = "meeting_outcome", _("realised meeting outcome")

    class Programme(models.TextChoices):
        NONE = "", _("none")
        TWO_B_CONNECT = TWO_B_CONNECT, "2B Connect"

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200, validators=[validate_one_line])
    title_en = models.CharField(_("title (English)"), max_length=200, validators=[validate_one_line])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    programme = models.CharField(
        _("programme"), max_length=20, choices=Programme.choices, blank=True, db_index=True
    )
    year = models.PositiveSmallIntegerField(
        _("year realised"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(49.4), MaxValueValidator(53.6)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(2.5), MaxValueValidator(7.3)])
    region = models.ForeignKey(
        "landscapes.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="realised_projects",
        verbose_name=_("region"),
        help_text=_("Found from the location."),
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("One partner per line."))
    story_nl = models.TextField(_("story (Dutch)"))
    story_en = models.TextField(_("story (English)"))
    measures = models.ManyToManyField(
        "landscapes.Measure", blank=True, related_name="realised_projects", verbose_name=_("measures applied")
    )
    species = models.ManyToManyField(
        "landscapes.Species", blank=True, related_name="realised_projects", verbose_name=_("species served")
    )
    ecosystem_services = models.ManyToManyField(
        "landscapes.EcosystemService",
        blank=True,
        related_name="realised_projects",
        verbose_name=_("ecosystem services"),
    )
    development_goals = models.ManyToManyField(
        "landscapes.DevelopmentGoal",
        blank=True,
        related_name="realised_projects",
        verbose_name=_("sustainable development goals"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(
        _("demonstration content"),
        default=False,
        help_text=_("Made up for the demo; the pages say so."),
    )

    title = Translated("title")
    story = Translated("story")

    class Meta:
        ordering = ["-year", "title_nl"]
        verbose_name = _("realised project")
        verbose_name_plural = _("realised projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project-detail", kwargs={"slug": self.slug})

    @property
    def cover_photo(self) -> "Photo | None":
        """The first after picture, else the first picture (uses prefetched photos)."""
        photos = list(self.photos.all())
        return next((p for p in photos if p.moment == Photo.Moment.AFTER), photos[0] if photos else None)

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class Photo(models.Model):
    """A before or after picture with its credit; the portal makes the smaller sizes."""

    class Moment(models.TextChoices):
        BEFORE = "before", _("before")
        AFTER = "after", _("after")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="photos", verbose_name=_("project")
    )
    moment = models.CharField(_("before or after"), max_length=10, choices=Moment.choices)
    image = UploadImageField(
        _("picture"),
        upload_to="projects/photos/",
        validators=[validate_image_upload],
        help_text=_("JPEG, PNG or WebP; the portal makes the smaller sizes."),
    )
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("Who took the picture."), validators=[validate_one_line]
    )
    alt_nl = models.CharField(_("description (Dutch)"), max_length=250, validators=[validate_one_line])
    alt_en = models.CharField(_("description (English)"), max_length=250, validators=[validate_one_line])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image_card = models.ImageField(upload_to="projects/renditions/", blank=True, editable=False)
    image_large = models.ImageField(upload_to="projects/renditions/", blank=True, editable=False)
    renditions_of = models.CharField(
        max_length=255, blank=True, editable=False, validators=[validate_one_line]
    )

    alt = Translated("alt")

    class Meta:
        ordering = ["project", "position", "moment", "id"]
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self) -> str:
        return f"{self.get_moment_display()}: {self.alt}"
