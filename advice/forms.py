"""The public request form and the team's forms. The rules themselves live in services."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from landscapes.widgets import LocationPickerMixin
from portal.text import validate_one_line

from . import selectors
from .models import DESCRIPTION_MAX_LENGTH, AdviceRequest

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by the service (type, size, really readable)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _consent_label() -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I agree that my data are processed as described in the"),
        reverse_lazy("advice:privacy"),
        _("privacy statement"),
    )


class RequestForm(LocationPickerMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the confirmation and your personal link to follow the request here."),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        validators=[validate_one_line],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisation_type = forms.ChoiceField(
        label=_("You ask as"), choices=AdviceRequest.OrganisationType.choices, widget=forms.RadioSelect
    )
    organisation = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        validators=[validate_one_line],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("The municipality, company, farm or school, if any."),
    )
    topic = forms.ChoiceField(
        label=_("What do you need advice on?"), choices=AdviceRequest.Topic.choices, widget=forms.RadioSelect
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        help_text=_("Choose the municipality, or pick the exact spot on the map."),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Filled in when you click the map, or type it: e.g. 51.0875."),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("E.g. 4.3665."),
    )
    description = forms.CharField(
        label=_("Describe your question"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The place, what is there now, what you would like to achieve and by when."),
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP."),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("PDF, e.g. a plan or a map."),
    )
    consent = forms.BooleanField(
        label=lazy(_consent_label, str)(),
        error_messages={"required": _("You must agree to the privacy statement to send a request.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = selectors.municipality_choices()
        municipality = cast(forms.ChoiceField, self.fields["municipality"])
        municipality.choices = [("", _("Choose…"))] + [(n, n) for n in names]

    def clean_municipality(self):
        name = self.cleaned_data.get("municipality")
        return selectors.find_municipality(name=name) if name else None

    def clean(self) -> dict:
        """Tell about the place together with the other fields (the service checks it again)."""
        from .services import locate

        super().clean()

        data = self.cleaned_data
        if not {"municipality", "latitude", "longitude"} & set(self.errors):
            try:
                locate(
                    municipality=data.get("municipality"),
                    latitude=data.get("latitude"),
                    longitude=data.get("longitude"),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return data


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("refer", _("Refer")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or referral"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to refer or decline; the requester reads it."),
    )


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Team member"), queryset=None, empty_label=_("Choose…")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        assignee = cast(forms.ModelChoiceField, self.fields["assignee"])
        assignee.queryset = selectors.team_members()
        assignee.label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[method-assign,assignment]


class VisitForm(forms.Form):
    site_visit_on = forms.DateField(label=_("Site visit on"), widget=DATE_WIDGET)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the team sees notes; the requester never does."),
    )


class LinkForm(forms.Form):
    measures: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Measures"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    structure: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Fauna-passage structure"), queryset=None, required=False, empty_label=_("None")
    )

    def __init__(self, *args, advice_request: AdviceRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        measures = cast(forms.ModelMultipleChoiceField, self.fields["measures"])
        measures.queryset = selectors.measure_choices(region=advice_request.region)
        measures.label_from_instance = _measure_label  # type: ignore[method-assign,assignment]
        cast(forms.ModelChoiceField, self.fields["structure"]).queryset = selectors.structure_choices()


def _measure_label(measure) -> str:
    if getattr(measure, "in_region", False):
        return _("%(name)s (in the landscape image of the region)") % {"name": measure.name}
    return measure.name


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Advice"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Sent by e-mail with a PDF letter in the language of the request, and shown on the "
            "requester's personal page."
        ),
    )
