from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from landscapes.models import Region
from landscapes.selectors import region_in_province
from landscapes.widgets import LocationPickerMixin
from portal.errors import add_service_errors
from portal.i18n import in_name_order
from portal.text import normalise_email, validate_one_line

from . import selectors
from .models import (
    REMARKS_MAX_LENGTH,
    AgendaItem,
    Meeting,
    MeetingDocument,
    Outcome,
    Registration,
    StakeholderGroup,
)
from .services import (
    ALREADY_REGISTERED,
    NO_REGION,
    RegistrationError,
    address_taken,
    check_attendance,
    check_registration,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _consent_label() -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I agree that my data are processed as described in the"),
        reverse_lazy("meetings:privacy"),
        _("privacy statement"),
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=Registration._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        validators=[validate_one_line],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all(), empty_label=_("Choose…")
    )
    remarks = forms.CharField(
        label=_("Remarks"),
        max_length=REMARKS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"), max_length=300, validators=[validate_one_line], required=False
    )
    consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        error_messages={"required": _("You must agree to the privacy statement to register.")},
    )


class MeetingForm(LocationPickerMixin, forms.ModelForm):
    """The meeting itself; leave the regions empty to take the region of the venue's location."""

    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to use the region of the venue's map location."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Only shown to people who registered."),
    )
    stakeholder_groups = forms.ModelMultipleChoiceField(
        label=_("Invited stakeholder groups"),
        queryset=StakeholderGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = [
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
            "online_url",
            "capacity",
            "stakeholder_groups",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_deadline": DATETIME_WIDGET,
            "description_nl": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"latitude": _("WGS84, e.g. 51.0875"), "longitude": _("WGS84, e.g. 4.3665")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        regions = cast(forms.ModelMultipleChoiceField, self.fields["regions"])
        regions.queryset = in_name_order(Region.objects.all())

    def clean(self) -> dict[str, Any]:
        super().clean()
        check_meeting(self)
        return self.cleaned_data


def check_meeting(form: forms.BaseForm) -> None:
    """The checks of a meeting's form, the organisers' and the admin's, before ``services.save_meeting``.

    Empty regions pass when the map location lies in the province (the service then takes its
    region), so the service's own refusal never reaches the user as a server error.
    """
    data = form.cleaned_data
    starts, deadline = data.get("starts_at"), data.get("registration_deadline")
    if starts and deadline and deadline > starts:
        form.add_error("registration_deadline", _("The registration deadline must be before the start."))
    fmt = data.get("format")
    if fmt in (Meeting.Format.ONLINE, Meeting.Format.HYBRID) and not data.get("online_url"):
        form.add_error("online_url", _("An online or hybrid meeting needs an online link."))
    if fmt in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID) and not data.get("venue_name"):
        form.add_error("venue_name", _("A meeting in person needs a venue."))
    lat, lon = data.get("latitude"), data.get("longitude")
    if (lat is None) != (lon is None):
        form.add_error("longitude" if lon is None else "latitude", _("Give both latitude and longitude."))
    if not data.get("regions") and "regions" not in form.errors:
        # Only the check: services.save_meeting takes the region of the location.
        try:
            if lat is None or lon is None:
                raise ValidationError(NO_REGION)
            region_in_province(lon=lon, lat=lat, message=str(NO_REGION))
        except ValidationError as error:
            form.add_error("regions", error)


class MeetingAdminForm(forms.ModelForm):
    """The admin's meeting form (its fields come from the admin): the organisers' form's checks."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        check_meeting(self)
        return self.cleaned_data


class RegistrationAdminForm(forms.ModelForm):
    """The admin's registration form: an existing registration's status offers only itself and
    cancelled (``RegistrationAdmin``), a check-in is refused as on the check-in list, and an address
    is stored as ``services.register`` stores it and refused when another active registration of
    the meeting has it (the meeting is read-only here, so Django's own constraint check passes it by)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.instance.pk is not None:
            kept = {self.instance.status, Registration.Status.CANCELLED}
            cast(forms.ChoiceField, status).choices = [c for c in Registration.Status.choices if c[0] in kept]

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data["email"])
        registration = self.instance
        active = registration.status != Registration.Status.CANCELLED and registration.anonymised_at is None
        if (
            registration.pk is not None
            and active
            and address_taken(meeting=registration.meeting, email=email, registration=registration)
        ):
            raise ValidationError(ALREADY_REGISTERED, code="duplicate")
        return email

    def clean(self) -> dict[str, Any]:
        super().clean()
        if self.instance.pk is not None and "attended" in self.changed_data:
            try:
                check_attendance(
                    meeting=self.instance.meeting,
                    attended_ids={self.instance.pk} if self.cleaned_data.get("attended") else set(),
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return self.cleaned_data


class RegistrationAddAdminForm(forms.ModelForm):
    """The admin's add page: what the meeting page asks (``RegistrationAdmin`` saves it through
    ``services.register``, which gives the seat or the place on the waiting list), checked as the
    service checks it, so a refusal shows on the form."""

    language = forms.ChoiceField(
        label=_("language"),
        choices=settings.LANGUAGES,
        initial="nl",
        help_text=_("The e-mails go out in this language."),
    )
    consent = forms.BooleanField(
        label=_("Agreed to the privacy statement"),
        required=False,
        help_text=_("Only register someone who agreed that their data are processed as it describes."),
    )

    class Meta:
        model = Registration
        fields = [
            "meeting",
            "name",
            "email",
            "organisation",
            "stakeholder_group",
            "remarks",
            "dietary_needs",
            "language",
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("meeting") and data.get("email"):
            try:
                check_registration(meeting=data["meeting"], email=data["email"], consent=data["consent"])
            except RegistrationError as error:
                add_service_errors(self, error)
        return data


class AgendaItemForm(forms.ModelForm):
    """One agenda item. Its place in the list is a plain number without JavaScript; with it (agenda.js)
    the number is hidden and set by the move buttons."""

    position = forms.IntegerField(label=_("Order"), required=False, min_value=0, max_value=999)

    class Meta:
        model = AgendaItem
        fields = ["position", "time", "title_nl", "title_en"]
        widgets = {"time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class BaseAgendaFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        """Number the items that stay 1, 2, 3… in the order given (items without a number go last)."""
        super().clean()
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)  # type: ignore[attr-defined]
        ]
        kept.sort(key=lambda f: (f.cleaned_data.get("position") is None, f.cleaned_data.get("position") or 0))
        for number, form in enumerate(kept, start=1):
            form.cleaned_data["position"] = number
            form.instance.position = number


AgendaFormSet = inlineformset_factory(
    Meeting,
    AgendaItem,
    form=AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=1,
    can_delete=True,
)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["minutes", "attendee_count", "organisations_present", "report_published"]
        help_texts = {
            "minutes": _(
                "Plain text (an empty line starts a new paragraph) or simple HTML; unsafe markup is removed."
            )
        }
        widgets = {
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "organisations_present": forms.Textarea(attrs={"rows": 4}),
        }


class DocumentForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})}


class OutcomeForm(LocationPickerMixin, forms.ModelForm):
    """An outcome; its measures come from the landscape images of the meeting's regions."""

    class Meta:
        model = Outcome
        fields = [
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
            "is_public",
        ]
        widgets = {
            "measures": forms.CheckboxSelectMultiple,
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "description_nl": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        measures = cast(forms.ModelMultipleChoiceField, self.fields["measures"])
        measures.queryset = selectors.measures_for_meeting(meeting=meeting)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude."))
        return data
