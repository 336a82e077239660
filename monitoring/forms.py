"""Forms for recording in the field and at the desk, and for managing structures and deployments."""

from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from landscapes.widgets import LocationPickerMixin
from portal.dates import validate_date_in_range, validate_end_after_start, validate_moment
from portal.errors import add_service_errors
from portal.i18n import in_name_order
from portal.text import validate_one_line
from portal.types import AnyUser
from portal.validators import validate_image_upload

from . import exports, services
from .models import MAX_COUNT, Deployment, DeploymentFailure, Observation, Structure, StructurePhoto, Taxon
from .selectors import search_taxa, taxon_index

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TaxonField(forms.CharField):
    """Text typed by the user resolved to one taxon: any of its names, or its label from the list."""

    default_error_messages = {
        "unknown": _("No species matches “%(value)s”. Type part of a Dutch, English or scientific name."),
        "ambiguous": _("“%(value)s” matches several species: %(names)s. Pick one from the list."),
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        index = taxon_index()
        by_label = {t.label.casefold(): t for t in index.values()}
        by_label.update({f"{t.name_nl} ({t.scientific_name})".casefold(): t for t in index.values()})
        key = value.strip().casefold()
        if key in index:
            return index[key]
        if key in by_label:
            return by_label[key]
        matches = search_taxa(query=value, limit=6)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value}
            )
        raise forms.ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={"value": value, "names": ", ".join(t.label for t in matches)},
        )


class ObservationForm(forms.Form):
    species = TaxonField(
        label=_("Species"),
        max_length=200,
        help_text=_(
            "Type part of the Dutch, English or scientific name; also: human, vehicle, blank, unknown."
        ),
        widget=forms.TextInput(
            attrs={"list": "taxon-options", "autocomplete": "off", "autofocus": True, "data-taxon-search": ""}
        ),
    )
    timestamp = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        validators=[validate_moment],
    )
    count = forms.IntegerField(label=_("Count"), min_value=1, max_value=MAX_COUNT, initial=1)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Observation.Direction.choices, initial="unknown"
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Observation.Outcome.choices, initial="unknown")
    life_stage = forms.ChoiceField(
        label=_("Life stage"), choices=[("", _("not known"))] + Observation.LifeStage.choices, required=False
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=[("", _("not known"))] + Observation.Sex.choices, required=False
    )
    identified_by = forms.CharField(
        label=_("Identified by"),
        max_length=150,
        required=False,
        validators=[validate_one_line],
        help_text=_("Leave empty for yourself."),
    )
    photo = forms.ImageField(label=_("Photo (optional)"), required=False, validators=[validate_image_upload])
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, deployment: Deployment, **kwargs):
        super().__init__(*args, **kwargs)
        self.deployment = deployment

    def clean_timestamp(self):
        value = self.cleaned_data["timestamp"]
        validate_moment(value)
        if not self.deployment.start <= value <= self.deployment.end:
            raise forms.ValidationError(_("The time is outside this deployment's start and end."))
        return value


class ObservationAddAdminForm(forms.ModelForm):
    """The admin's add page: the recorded fields, checked as ``services.create_observation`` checks
    them (``ObservationAdmin`` saves through it), so a refusal shows on the form."""

    user: AnyUser  # who adds: the admin sets it on the form class it makes for the request

    class Meta:
        model = Observation
        fields = ["deployment", *services.OBSERVATION_FIELDS]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("deployment") and data.get("timestamp"):
            try:
                services.check_observation(
                    user=self.user,
                    deployment=data["deployment"],
                    timestamp=data["timestamp"],
                    media=data.get("media"),
                )
            except PermissionDenied as error:
                self.add_error("deployment", str(error))
            except ValidationError as error:
                add_service_errors(self, error)
        return data


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_(
            "Columns: timestamp, species, and optionally count, direction, outcome, life_stage, sex, "
            "identified_by, comments. Comma, semicolon or tab separated."
        ),
    )
    csv_text = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        upload = data.get("file")
        if upload is None and not data.get("csv_text"):
            raise forms.ValidationError(_("Choose a CSV file."))
        if len(data.get("csv_text", "").encode()) > settings.MONITORING_CSV_MAX_KB * 1024:
            raise forms.ValidationError(
                _("The file is too large (at most %(kb)s kB).") % {"kb": settings.MONITORING_CSV_MAX_KB}
            )
        if upload is not None:
            if upload.size > settings.MONITORING_CSV_MAX_KB * 1024:
                self.add_error(
                    "file",
                    _("The file is too large (at most %(kb)s kB).") % {"kb": settings.MONITORING_CSV_MAX_KB},
                )
            elif not upload.name.lower().endswith((".csv", ".txt", ".tsv")):
                self.add_error("file", _("Upload a .csv file."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImageUploadForm(forms.Form):
    images = MultipleImageField(
        label=_("Camera pictures"),
        help_text=_("JPEG, PNG or WebP. The time is read from the picture's EXIF data where present."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    species = TaxonField(
        label=_("Species in all pictures (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"list": "taxon-options", "autocomplete": "off", "data-taxon-search": ""}
        ),
    )
    count = forms.IntegerField(label=_("Count"), min_value=1, initial=1)
    fallback_time = forms.DateTimeField(
        label=_("Time for pictures without EXIF time"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
    )


class ReviewForm(forms.Form):
    observation = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Observation.Status.choices)


class ExportForm(forms.Form):
    FORMATS = [
        (exports.CAMTRAP_DP, _("Camtrap DP 1.0.2 (camera traps)")),
        (exports.DARWIN_CORE, _("Darwin Core Archive (all methods)")),
    ]

    structure = forms.ModelChoiceField(
        label=_("Structure"),
        queryset=Structure.objects.order_by("name"),
        required=False,
        empty_label=_("all"),
    )
    region: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Region"), queryset=None, required=False, empty_label=_("all")
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date_in_range],
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date_in_range],
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, widget=forms.RadioSelect, initial=exports.CAMTRAP_DP
    )

    def __init__(self, *args, **kwargs):
        from landscapes.models import Region

        super().__init__(*args, **kwargs)
        region = cast(forms.ModelChoiceField, self.fields["region"])
        region.queryset = in_name_order(Region.objects.all())

    def clean(self):
        super().clean()
        data = self.cleaned_data
        try:
            validate_end_after_start(
                start=data.get("date_from"),
                end=data.get("date_to"),
                field="date_to",
                message=_("The end date is before the start date."),
                same_allowed=True,
            )
        except ValidationError as error:
            self.add_error(None, error)
        return data


class StructureForm(LocationPickerMixin, forms.ModelForm):
    photo = forms.ImageField(label=_("Add a photo"), required=False, validators=[validate_image_upload])
    photo_caption = forms.CharField(
        label=_("Photo caption"), required=False, max_length=200, validators=[validate_one_line]
    )

    class Meta:
        model = Structure
        fields = [
            "name",
            "slug",
            "structure_type",
            "latitude",
            "longitude",
            "crosses",
            "crosses_name",
            "length_m",
            "width_m",
            "height_m",
            "construction_year",
            "description",
            "description_en",
            "open_for_students",
            "student_tasks",
        ]

    def save(self, commit: bool = True) -> Structure:
        structure = super().save(commit=False)
        if not commit:
            return structure
        services.save_structure(structure=structure)
        self.save_m2m()
        if self.cleaned_data.get("photo"):
            StructurePhoto.objects.create(
                structure=structure,
                image=self.cleaned_data["photo"],
                caption=self.cleaned_data["photo_caption"],
            )
        return structure


class DeploymentForm(forms.ModelForm):
    class Meta:
        model = Deployment
        fields = [
            "structure",
            "code",
            "method",
            "position",
            "start",
            "end",
            "camera_model",
            "camera_id",
            "camera_height_m",
            "setup_by",
            "assigned_students",
            "comments",
        ]
        widgets = {"start": DateTimeInput(), "end": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        from .constants import STUDENTS

        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = DATETIME_FORMATS
        students = cast(forms.ModelMultipleChoiceField, self.fields["assigned_students"])
        students.queryset = get_user_model().objects.filter(groups__name=STUDENTS)
        students.required = False


class FailureForm(forms.ModelForm):
    class Meta:
        model = DeploymentFailure
        fields = ["start", "end", "reason"]
        widgets = {"start": DateTimeInput(), "end": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = DATETIME_FORMATS


def taxon_options() -> list[Taxon]:
    return list(Taxon.objects.order_by("kind", "name_nl"))
