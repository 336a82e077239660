"""Forms: sign-up, a company site, one step of the scan and the action plan."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from landscapes.selectors import region_in_province
from landscapes.widgets import LocationPickerMixin
from portal.dates import validate_date_in_range
from portal.text import normalise_email, validate_one_line

from .models import ActionPlanItem, Question, Site, Theme
from .services import applicable, validate_value


class ConfirmSignupForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        help_text=_("The password you chose when you signed up."),
    )


class SignupForm(forms.Form):
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        validators=[validate_one_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        # The address is the login name too, so it must fit that column.
        max_length=get_user_model()._meta.get_field("username").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("You log in with this address; we send the confirmation link to it."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        # Whether the address has an account already is not said here (the owner gets an e-mail).
        return normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class SiteForm(LocationPickerMixin, forms.ModelForm):
    class Meta:
        model = Site
        fields = ("name", "address", "latitude", "longitude", "surface_m2", "sector", "activity")
        widgets = {
            "surface_m2": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "latitude": _("Pick the spot on the map, or type it: e.g. 51.0875 for Boom."),
            "longitude": _("E.g. 4.3665 for Boom."),
            "surface_m2": _("The whole plot: buildings, paving and green."),
        }

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        lat, lon = data.get("latitude"), data.get("longitude")
        if lat is not None and lon is not None:
            region_in_province(lon=lon, lat=lat)
        return data


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def field_name(question: Question) -> str:
    return f"q_{question.code}"


def _field_for(question: Question) -> forms.Field:
    help_text = question.help
    label = f"{question.text} ({question.unit})" if question.unit else question.text
    common = {"label": label, "help_text": help_text, "required": False}
    kind = question.kind
    if kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    choices = [(c.code, c.label) for c in question.choices.all()]
    if kind == Question.Kind.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == Question.Kind.NUMBER:
        attrs = {"step": "any", "inputmode": "decimal"}
        if question.min_value is not None:
            attrs["min"] = f"{question.min_value:g}"
        if question.max_value is not None:
            attrs["max"] = f"{question.max_value:g}"
        return forms.FloatField(widget=forms.NumberInput(attrs=attrs), **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)


class StepForm(forms.Form):
    """The questions of one theme. Questions whose condition lies in an earlier step and does not
    hold are left out; conditions within the step are checked against the submitted answers.

    ``draft`` saves what is there without insisting on required answers (save and stop).
    """

    def __init__(self, *args, theme: Theme, answers: dict[str, Any], draft: bool = False, **kwargs):
        own = {q.code for q in theme.questions.all()}
        self.other_answers = {code: v for code, v in answers.items() if code not in own}
        kwargs.setdefault("initial", {})
        self.questions: list[Question] = []
        self.draft = draft
        super().__init__(*args, **kwargs)
        for question in theme.questions.all():
            condition = question.condition_question
            if condition and condition.code not in own and not applicable(question=question, answers=answers):
                continue
            self.questions.append(question)
            name = field_name(question)
            self.fields[name] = _field_for(question)
            self.fields[name].question = question  # type: ignore[attr-defined]  # read by the template
            if question.code in answers:
                self.initial[name] = answers[question.code]
        self.values: dict[Question, Any] = {}

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        answers = dict(self.other_answers)
        for question in self.questions:
            raw = data.get(field_name(question))
            answers[question.code] = None if raw in (None, "", []) else raw
        for question in self.questions:
            name = field_name(question)
            if name in self.errors:
                continue
            value = answers[question.code]
            if not applicable(question=question, answers=answers):
                self.values[question] = None
                continue
            if value is None:
                if question.required and not self.draft:
                    self.add_error(name, _("This question needs an answer."))
                self.values[question] = None
                continue
            try:
                self.values[question] = validate_value(question=question, value=value)
            except ValidationError as exc:
                self.add_error(name, exc)
        return data

    def condition_of(self, question: Question) -> dict | None:
        """For the script that shows a question only when its condition in this step holds."""
        condition = question.condition_question
        if condition is None or condition not in self.questions:
            return None
        return {"field": field_name(condition), "values": list(map(str, question.condition_values))}


class PlanAddForm(forms.Form):
    measure = forms.SlugField(widget=forms.HiddenInput)
    owner = forms.CharField(label=_("Owner"), max_length=150, validators=[validate_one_line], required=False)
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_date_in_range],
    )


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = ActionPlanItem
        fields = ("owner", "target_date", "done")
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AdvisorRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What would you like help with? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignAdvisorForm(forms.Form):
    advisor: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Trained advisor"), queryset=None, empty_label=None
    )

    def __init__(self, *args, advisors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["advisor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = advisors
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()  # type: ignore[method-assign,assignment]


class AdvisorNoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note (only you can read it)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
