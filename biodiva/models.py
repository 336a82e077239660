"""BIODIVA: companies, their sites, the versioned questionnaire, scans, results and action plans."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import validate_date_in_range
from portal.i18n import Translated
from portal.text import validate_one_line


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="biodiva_companies", verbose_name=_("members"), blank=True
    )
    advisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="biodiva_advised_companies",
        verbose_name=_("advisors"),
        blank=True,
        help_text=_("Trained advisors who may see and help fill in this company's scans."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    class Sector(models.TextChoices):
        INDUSTRY = "industry", _("industry and manufacturing")
        LOGISTICS = "logistics", _("logistics and transport")
        SERVICES = "services", _("offices and services")
        RETAIL = "retail", _("retail and hospitality")
        AGRICULTURE = "agriculture", _("agriculture and horticulture")
        CONSTRUCTION = "construction", _("construction")
        ENERGY = "energy", _("energy and utilities")
        OTHER = "other", _("other")

    class Activity(models.TextChoices):
        OFFICE = "office", _("office")
        PRODUCTION = "production", _("production site")
        WAREHOUSE = "warehouse", _("warehouse or depot")
        SHOP = "shop", _("shop or showroom")
        FARM = "farm", _("farm or nursery")
        MIXED = "mixed", _("mixed use")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="sites", verbose_name=_("company")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    address = models.CharField(_("address"), max_length=300, validators=[validate_one_line])
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    surface_m2 = models.PositiveIntegerField(
        _("surface area (m²)"), validators=[MinValueValidator(1), MaxValueValidator(50_000_000)]
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    activity = models.CharField(_("activity type"), max_length=20, choices=Activity.choices)
    region = models.ForeignKey(
        "landscapes.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="biodiva_sites",
        verbose_name=_("region"),
        help_text=_("Found from the location."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Who added the site: a form sent twice by them answers this site (services.add_site).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["company__name", "name"]
        verbose_name = _("company site")
        verbose_name_plural = _("company sites")
        constraints = [
            # A double-submitted site form makes one site (services.save_site names the field).
            models.UniqueConstraint(fields=["company", "name"], name="biodiva_site_name_unique_per_company")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.company.name})"

    def get_absolute_url(self) -> str:
        return reverse("biodiva:site-detail", kwargs={"pk": self.pk})


class QuestionnaireVersion(models.Model):
    """One frozen edition of the questionnaire; scans keep the version they were answered on."""

    number = models.PositiveIntegerField(_("version number"), unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True, validators=[validate_one_line])
    published = models.BooleanField(
        _("published"), default=False, help_text=_("New scans use the highest published version.")
    )
    notes = models.TextField(_("notes on the changes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self) -> str:
        return f"v{self.number} {self.title}".strip()

    @property
    def is_locked(self) -> bool:
        """A version with completed scans is frozen: their results must never change."""
        if self.pk is None:
            return False
        return self.scans.filter(status=Scan.Status.COMPLETED).exists()


class Theme(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="themes", verbose_name=_("version")
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150, validators=[validate_one_line])
    name_en = models.CharField(_("name (English)"), max_length=150, validators=[validate_one_line])
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("Weight of this theme in the overall score; 0 leaves it out.")
    )
    name = Translated("name")
    intro = Translated("intro")

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="biodiva_unique_theme")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return f"{self.name} (v{self.version.number})"


class Question(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("yes or no")
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        NUMBER = "number", _("number")
        TEXT = "text", _("free text")

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="questions", verbose_name=_("theme")
    )
    code = models.SlugField(_("code"), max_length=60, help_text=_("Unique within the version."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    text_nl = models.CharField(_("question (Dutch)"), max_length=300, validators=[validate_one_line])
    text_en = models.CharField(_("question (English)"), max_length=300, validators=[validate_one_line])
    help_nl = models.TextField(_("help text (Dutch)"), blank=True)
    help_en = models.TextField(_("help text (English)"), blank=True)
    unit = models.CharField(
        _("unit"),
        max_length=20,
        blank=True,
        help_text=_("For numbers, e.g. m² or %."),
        validators=[validate_one_line],
    )
    min_value = models.FloatField(_("minimum"), null=True, blank=True)
    max_value = models.FloatField(_("maximum"), null=True, blank=True)
    required = models.BooleanField(_("required"), default=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("Points within its theme; 0 means not scored.")
    )
    yes_is_good = models.BooleanField(
        _("'yes' is the good answer"), default=True, help_text=_("Yes/no questions only.")
    )
    score_zero_at = models.FloatField(
        _("number scoring: no points at"), null=True, blank=True, help_text=_("Numbers only.")
    )
    score_full_at = models.FloatField(
        _("number scoring: full points at"),
        null=True,
        blank=True,
        help_text=_("Numbers only; points grow linearly between the two values."),
    )
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("only asked when question"),
    )
    condition_values = models.JSONField(
        _("has one of these answers"),
        default=list,
        blank=True,
        help_text=_('Answer codes, e.g. ["yes"] or ["closed_fence", "open_fence"].'),
    )
    text = Translated("text")
    help = Translated("help")

    class Meta:
        ordering = ["theme__position", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    @property
    def is_scored(self) -> bool:
        if self.weight == 0 or self.kind == self.Kind.TEXT:
            return False
        if self.kind == self.Kind.NUMBER:
            return self.score_zero_at is not None and self.score_full_at is not None
        return True

    def clean(self) -> None:
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": _("The maximum must not be below the minimum.")})
        if self.condition_question_id and self.theme_id:
            other = self.condition_question
            assert other is not None  # condition_question_id is set
            if other.theme.version_id != self.theme.version_id:
                raise ValidationError({"condition_question": _("Pick a question of the same version.")})
            if (other.theme.position, other.position, other.pk) >= (
                self.theme.position,
                self.position,
                self.pk or 1 << 62,
            ):
                raise ValidationError({"condition_question": _("Pick a question asked earlier.")})
        if self.theme_id:
            duplicate = Question.objects.filter(theme__version_id=self.theme.version_id, code=self.code)
            if duplicate.exclude(pk=self.pk).exists():
                raise ValidationError({"code": _("Another question of this version has this code.")})


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    code = models.SlugField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label_nl = models.CharField(_("label (Dutch)"), max_length=200, validators=[validate_one_line])
    label_en = models.CharField(_("label (English)"), max_length=200, validators=[validate_one_line])
    score = models.FloatField(
        _("score"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Share of the question's points, 0 to 1; multiple choice adds up to at most 1."),
    )
    label = Translated("label")

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="biodiva_unique_choice")]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.label


class Scan(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", pgettext_lazy("scan status", "in progress")
        COMPLETED = "completed", pgettext_lazy("scan status", "completed")

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="scans", verbose_name=_("site"))
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="scans",
        verbose_name=_("questionnaire version"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    current_step = models.PositiveSmallIntegerField(_("current step"), default=1)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        constraints = [
            # One scan in progress per site, also for concurrent "new scan" requests (services.start_scan).
            models.UniqueConstraint(
                fields=["site"],
                condition=models.Q(status="in_progress"),
                name="biodiva_one_scan_in_progress_per_site",
            )
        ]

    def __str__(self) -> str:
        return f"{self.site.name} · {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        if self.status == self.Status.COMPLETED:
            return reverse("biodiva:scan-result", kwargs={"pk": self.pk})
        return reverse("biodiva:scan-step", kwargs={"pk": self.pk, "step": self.current_step})


class Answer(models.Model):
    """One answer: "yes"/"no", a choice code, a list of codes, a number or a text."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="answers", verbose_name=_("scan"))
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    value = models.JSONField(_("value"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scan", "question__theme__position", "question__position"]
        constraints = [models.UniqueConstraint(fields=["scan", "question"], name="biodiva_unique_answer")]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question.code} = {self.value!r}"


class ScanResult(models.Model):
    """Scores stored when a scan is completed, so later questionnaire edits never change them."""

    scan = models.OneToOneField(Scan, on_delete=models.CASCADE, related_name="result", verbose_name=_("scan"))
    overall = models.FloatField(_("overall score"))
    level = models.PositiveSmallIntegerField(_("ladder level"))
    theme_scores = models.JSONField(
        _("theme scores"), help_text=_("List of {code, name_nl, name_en, weight, score}.")
    )
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scan result")
        verbose_name_plural = _("scan results")

    def __str__(self) -> str:
        return f"{self.scan}: {self.overall:.0f}"


class ActionPlanItem(models.Model):
    """A measure the company took into its plan, with who does it and by when."""

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("site")
    )
    scan = models.ForeignKey(
        Scan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("picked from scan"),
    )
    measure = models.ForeignKey(
        "landscapes.Measure",
        on_delete=models.PROTECT,
        related_name="biodiva_action_items",
        verbose_name=_("measure"),
    )
    owner = models.CharField(_("owner"), max_length=150, blank=True, validators=[validate_one_line])
    target_date = models.DateField(
        _("target date"), null=True, blank=True, validators=[validate_date_in_range]
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "target_date", "id"]
        constraints = [models.UniqueConstraint(fields=["site", "measure"], name="biodiva_unique_plan_item")]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")

    def __str__(self) -> str:
        return f"{self.measure.name} ({self.site.name})"

    @property
    def company(self) -> Company:
        return self.site.company


class AdvisorRequest(models.Model):
    """A company that finished a scan asks for a trained advisor; BIODIVA staff assign one."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("advisor request", "waiting for an advisor")
        ASSIGNED = "assigned", pgettext_lazy("advisor request", "advisor assigned")
        ENDED = "ended", pgettext_lazy("advisor request", "ended")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="advisor_requests", verbose_name=_("company")
    )
    scan = models.ForeignKey(
        Scan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisor_requests",
        verbose_name=_("asked from the result of"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("what the company would like help with"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="biodiva_advisor_requests",
        verbose_name=_("advisor"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(status="open"),
                name="biodiva_one_open_advisor_request",
            )
        ]
        verbose_name = _("advisor request")
        verbose_name_plural = _("advisor requests")

    def __str__(self) -> str:
        return f"{self.company.name} ({self.get_status_display()})"


class AdvisorNote(models.Model):
    """A note an advisor keeps about a company they advise; only its author reads it."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="advisor_notes", verbose_name=_("company")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="biodiva_advisor_notes",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("advisor note")
        verbose_name_plural = _("advisor notes")

    def __str__(self) -> str:
        return f"{self.company.name}: {self.text[:40]}"
