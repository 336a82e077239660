"""The filters of the public list of projects."""

from django import forms
from django.utils.translation import gettext_lazy as _

from landscapes.models import Region
from landscapes.selectors import goals_and_services, regions_for_map

from .models import Project


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
        self.fields["region"].choices = everything + [
            (r.slug, r.name) for r in regions_for_map().order_by("name_nl")
        ]
        self.fields["kind"].choices = everything + list(Project.Kind.choices)
        self.fields["year"].choices = everything + [(y, y) for y in years]
        self.fields["ecosystem_service"].choices = everything + [(s.code, s.name) for s in services]
        self.fields["goal"].choices = everything + [(g.number, f"{g.number}. {g.name}") for g in goals]

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
        self.regions = {r.slug: r for r in regions_for_map().order_by("name_nl")}
        self.fields["region"].choices = [("", _("The whole province"))] + [
            (slug, r.name) for slug, r in self.regions.items()
        ]

    def selected_region(self) -> Region | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.regions.get(self.cleaned_data["region"])
