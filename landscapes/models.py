"""Regions with their landscape image, the species that use them and the measures that help."""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import UploadFileField, UploadImageField
from portal.i18n import Translated
from portal.models import TimeStamped
from portal.text import validate_one_line
from portal.validators import validate_image_upload, validate_pdf_upload


def validate_area(value) -> None:
    """A boundary must be a usable area in WGS84 within reach of Belgium."""
    from .geometry import GeometryError, check_near_belgium, parse_area

    try:
        check_near_belgium(parse_area(value))
    except GeometryError as exc:
        raise ValidationError(
            _("Not a usable boundary: %(reason)s.") % {"reason": exc}, code="invalid_area"
        ) from None


class CodedTerm(models.Model):
    """A small bilingual vocabulary entry (landscape type, application area, ecosystem service)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120, validators=[validate_one_line])
    name_en = models.CharField(_("name (English)"), max_length=120, validators=[validate_one_line])
    name = Translated("name")

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LandscapeType(CodedTerm):
    class Meta(CodedTerm.Meta):
        verbose_name = _("landscape type")
        verbose_name_plural = _("landscape types")


class ApplicationArea(CodedTerm):
    """Where a measure applies: private garden, company site, farmland..."""

    heading_nl = models.CharField(
        _("heading on a region page (Dutch)"), max_length=120, validators=[validate_one_line]
    )
    heading_en = models.CharField(
        _("heading on a region page (English)"), max_length=120, validators=[validate_one_line]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = Translated("heading")

    class Meta(CodedTerm.Meta):
        ordering = ["position", "code"]
        verbose_name = _("application area")
        verbose_name_plural = _("application areas")


class EcosystemService(CodedTerm):
    class Meta(CodedTerm.Meta):
        verbose_name = _("ecosystem service")
        verbose_name_plural = _("ecosystem services")


class DevelopmentGoal(models.Model):
    """One of the 17 United Nations Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120, validators=[validate_one_line])
    name_en = models.CharField(_("name (English)"), max_length=120, validators=[validate_one_line])
    name = Translated("name")

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.name_en}"


class Region(TimeStamped):
    """One of the province's regions with its landscape image biodiversity."""

    # The boundary as loaded from the database, to tell whether a save changes it.
    _loaded_boundary: dict | None = None

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150, validators=[validate_one_line])
    name_en = models.CharField(_("name (English)"), max_length=150, validators=[validate_one_line])
    short_description_nl = models.CharField(
        _("short description (Dutch)"), max_length=300, validators=[validate_one_line]
    )
    short_description_en = models.CharField(
        _("short description (English)"), max_length=300, validators=[validate_one_line]
    )
    description_nl = models.TextField(_("description (Dutch)"))
    description_en = models.TextField(_("description (English)"))
    landscape_types = models.ManyToManyField(
        LandscapeType, blank=True, related_name="regions", verbose_name=_("landscape types")
    )
    boundary = models.JSONField(
        _("boundary"),
        help_text=_("GeoJSON Polygon or MultiPolygon in WGS84 (lon/lat)."),
        validators=[validate_area],
    )
    boundary_simplified = models.JSONField(_("simplified boundary"), editable=False, null=True)
    boundary_changed_at = models.DateTimeField(editable=False, null=True)
    image = UploadImageField(
        _("typical image"),
        upload_to="regions/images/",
        blank=True,
        validators=[validate_image_upload],
        help_text=_("One large picture (JPEG, PNG or WebP); the portal makes the smaller sizes."),
    )
    image_alt_nl = models.CharField(
        _("image description (Dutch)"), max_length=250, blank=True, validators=[validate_one_line]
    )
    image_alt_en = models.CharField(
        _("image description (English)"), max_length=250, blank=True, validators=[validate_one_line]
    )
    image_thumb = models.ImageField(upload_to="regions/renditions/", blank=True, editable=False)
    image_card = models.ImageField(upload_to="regions/renditions/", blank=True, editable=False)
    image_wide = models.ImageField(upload_to="regions/renditions/", blank=True, editable=False)
    renditions_of = models.CharField(
        max_length=255, blank=True, editable=False, validators=[validate_one_line]
    )
    brochure = UploadFileField(
        _("official brochure (PDF)"),
        upload_to="regions/brochures/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_upload],
        help_text=_("Optional. Without it the portal renders a brochure from the region's content."),
    )

    name = Translated("name")
    short_description = Translated("short_description")
    description = Translated("description")
    image_alt = Translated("image_alt")

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("landscapes:region-detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any
    ) -> "Region":
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_boundary = instance.__dict__.get("boundary")
        return instance

    @property
    def boundary_changed(self) -> bool:
        return self._loaded_boundary != self.boundary


class Municipality(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True, validators=[validate_one_line])
    name = models.CharField(_("name"), max_length=100, unique=True, validators=[validate_one_line])
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("region"),
    )
    boundary = models.JSONField(_("boundary"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Species(TimeStamped):
    class Group(models.TextChoices):
        MAMMAL = "mammal", _("mammal")
        BIRD = "bird", _("bird")
        AMPHIBIAN = "amphibian", _("amphibian")
        REPTILE = "reptile", _("reptile")
        FISH = "fish", _("fish")
        INSECT = "insect", _("insect")
        PLANT = "plant", _("plant")
        OTHER = "other", _("other")

    scientific_name = models.CharField(
        _("scientific name"), max_length=150, unique=True, validators=[validate_one_line]
    )
    name_nl = models.CharField(_("Dutch name"), max_length=150, validators=[validate_one_line])
    name_en = models.CharField(_("English name"), max_length=150, validators=[validate_one_line])
    group = models.CharField(_("group"), max_length=20, choices=Group.choices, db_index=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    photo = UploadImageField(_("photo"), upload_to="species/", blank=True, validators=[validate_image_upload])
    photo_credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, validators=[validate_one_line]
    )

    name = Translated("name")
    description = Translated("description")

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("species")
        verbose_name_plural = pgettext_lazy("plural", "species")

    def __str__(self) -> str:
        return f"{self.name} ({self.scientific_name})"

    def get_absolute_url(self) -> str:
        return reverse("landscapes:species-detail", kwargs={"pk": self.pk})


class Measure(TimeStamped):
    """A green-blue infrastructure measure from the catalogue."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150, validators=[validate_one_line])
    name_en = models.CharField(_("name (English)"), max_length=150, validators=[validate_one_line])
    summary_nl = models.CharField(_("summary (Dutch)"), max_length=300, validators=[validate_one_line])
    summary_en = models.CharField(_("summary (English)"), max_length=300, validators=[validate_one_line])
    how_to_nl = models.TextField(_("how to do it (Dutch)"))
    how_to_en = models.TextField(_("how to do it (English)"))
    applies_to = models.ManyToManyField(
        ApplicationArea, related_name="measures", verbose_name=_("applies to")
    )
    ecosystem_services = models.ManyToManyField(
        EcosystemService, blank=True, related_name="measures", verbose_name=_("ecosystem services")
    )
    development_goals = models.ManyToManyField(
        DevelopmentGoal,
        blank=True,
        related_name="measures",
        verbose_name=_("sustainable development goals"),
    )
    species = models.ManyToManyField(
        Species, blank=True, related_name="measures", verbose_name=_("species it serves")
    )

    name = Translated("name")
    summary = Translated("summary")
    how_to = Translated("how_to")

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("landscapes:measure-detail", kwargs={"slug": self.slug})


class SpeciesNeed(TimeStamped):
    """What a species uses a region's landscape for, and which elements it depends on there."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="species_needs", verbose_name=_("region")
    )
    species = models.ForeignKey(
        Species, on_delete=models.CASCADE, related_name="needs", verbose_name=_("species")
    )
    feeding = models.BooleanField(_("feeding"), default=False)
    breeding = models.BooleanField(_("breeding"), default=False)
    shelter = models.BooleanField(_("shelter"), default=False)
    hibernation = models.BooleanField(_("hibernation"), default=False)
    moving = models.BooleanField(_("moving through"), default=False)
    elements = models.ManyToManyField(
        Measure,
        blank=True,
        related_name="species_needs",
        verbose_name=_("green-infrastructure elements it depends on"),
    )
    note_nl = models.CharField(_("note (Dutch)"), max_length=400, blank=True, validators=[validate_one_line])
    note_en = models.CharField(
        _("note (English)"), max_length=400, blank=True, validators=[validate_one_line]
    )
    note = Translated("note")

    USES = ("feeding", "breeding", "shelter", "hibernation", "moving")

    class Meta:
        ordering = ["region", "species__name_nl"]
        constraints = [models.UniqueConstraint(fields=["region", "species"], name="unique_species_need")]
        verbose_name = _("species need")
        verbose_name_plural = _("species needs")

    def __str__(self) -> str:
        return f"{self.species.name} in {self.region.name}"

    @property
    def uses(self) -> list[str]:
        """The verbose names of what the species uses the landscape for."""
        fields = [self._meta.get_field(u) for u in self.USES if getattr(self, u)]
        return [str(f.verbose_name) for f in fields if isinstance(f, models.Field)]


class RegionMeasure(TimeStamped):
    """A measure that matters in a region, in order of priority, with a regional note."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="region_measures", verbose_name=_("region")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="region_measures", verbose_name=_("measure")
    )
    priority = models.PositiveSmallIntegerField(_("priority"), help_text=_("1 is the most important."))
    note_nl = models.CharField(
        _("regional note (Dutch)"), max_length=400, blank=True, validators=[validate_one_line]
    )
    note_en = models.CharField(
        _("regional note (English)"), max_length=400, blank=True, validators=[validate_one_line]
    )
    note = Translated("note")

    class Meta:
        ordering = ["region", "priority"]
        constraints = [models.UniqueConstraint(fields=["region", "measure"], name="unique_region_measure")]
        verbose_name = _("regional measure")
        verbose_name_plural = _("regional measures")

    def __str__(self) -> str:
        return f"{self.priority}. {self.measure.name} ({self.region.name})"
