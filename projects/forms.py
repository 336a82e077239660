"""The filters of the public list of projects and the region of the SDG page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from landscapes.models import Region
from landscapes.selectors import goals_and_services, regions_for_map
from portal.i18n import in_name_order

from .models import Project


def _set_choices(form: forms.Form, name: str, choices: list) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class ProjectFilterForm(forms.Form):
    """Every field is optional; a value that is not in its list is reported next to the field."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("Kind of project"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    ecosystem_service = forms.ChoiceField(label=_("Ecosystem service"), required=False)
    goal = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        goals, services = goals_and_services()
        regions = in_name_order(regions_for_map())
        _set_choices(self, "region", everything + [(r.slug, r.name) for r in regions])
        _set_choices(self, "kind", everything + list(Project.Kind.choices))
        _set_choices(self, "year", everything + [(y, y) for y in years])
        _set_choices(self, "ecosystem_service", everything + [(s.code, s.name) for s in services])
        _set_choices(self, "goal", everything + [(g.number, f"{g.number}. {g.name}") for g in goals])

    def filters(self) -> dict:
        """The valid filters, for ``selectors.public_projects`` (invalid ones are left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {name: data[name] for name in self.fields if data.get(name) not in (None, "")}


class RegionForm(forms.Form):
    """The region of the SDG page (empty for the whole province)."""

    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {r.slug: r for r in in_name_order(regions_for_map())}
        choices = [(slug, r.name) for slug, r in self.regions.items()]
        _set_choices(self, "region", [("", _("The whole province"))] + choices)

    def selected_region(self) -> Region | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.regions.get(self.cleaned_data["region"])
