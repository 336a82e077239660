"""The location picker every form with a place on the map uses (BIODIVA sites, meeting venues,
local plans, monitored structures): find a municipality, postcode or deelgemeente, or click the
map, and the latitude and longitude are filled in; typed coordinates may use a decimal comma."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors


class CoordinateField(forms.FloatField):
    """A latitude or longitude as people in Belgium type it: "51,0875" as well as "51.0875"."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class LocationPicker(forms.TextInput):
    """A search field for a place with a map; ``static/js/location-picker-map.js`` does the rest.
    Its settings reach the script as a ``json_script`` element inside the widget."""

    template_name = "landscapes/widgets/location_picker.html"
    input_type = "search"

    class Media:
        css = {"all": ["leaflet/leaflet.css", "css/map.css"]}
        js = ["leaflet/leaflet.js", "js/portal-map.js", "js/location-picker-map.js"]

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.targets: dict[str, str] = {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["config"] = {
            **self.targets,
            "findUrl": reverse("municipality-find"),
            "lookupUrl": reverse("region-lookup"),
            "regionsUrl": reverse("regions-geojson") + "?detail=simplified",
            "texts": {
                "placed": _("On the map: %(lat)s, %(lon)s."),
                "inRegion": _("This spot is in the region %(region)s."),
                "outside": _("This spot is not in the province of Antwerp."),
                "refine": _("Click the map to set the exact spot."),
                "error": _("The place could not be looked up. Please try again."),
            },
        }
        return context


class LocationPickerMixin(forms.BaseForm):
    """For a model form with ``latitude`` and ``longitude``: coordinates with a decimal comma or
    point, and a ``place`` field with a map before them. Without JavaScript, a place typed while
    the coordinates are empty puts the spot in the middle of that municipality."""

    place_label = gettext_lazy("Find the place")
    place_help = gettext_lazy(
        "Type a municipality, postcode or deelgemeente and press “Find”, then click the map on the "
        "exact spot: latitude and longitude are filled in. You can also type them (51,0875 or 51.0875)."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude"):
            old = self.fields[name]
            self.fields[name] = CoordinateField(
                label=old.label, required=old.required, help_text=old.help_text, validators=old.validators
            )
        picker = LocationPicker()
        place = forms.CharField(
            label=self.place_label, help_text=self.place_help, required=False, max_length=200, widget=picker
        )
        fields: dict[str, forms.Field] = {}
        for name, field in self.fields.items():
            if name == "latitude":
                fields["place"] = place
            fields[name] = field
        self.fields = fields
        picker = cast(LocationPicker, place.widget)  # the field's own copy of the widget
        picker.targets = {"latitude": self["latitude"].auto_id, "longitude": self["longitude"].auto_id}

    def clean_place(self) -> str:
        query = self.cleaned_data.get("place", "").strip()
        lat_name, lon_name = self.add_prefix("latitude"), self.add_prefix("longitude")
        if not query or self.data.get(lat_name, "").strip() or self.data.get(lon_name, "").strip():
            return query
        answer = selectors.find_place(query=query)
        extent = (
            selectors.municipality_extent(nis_code=answer.municipality.nis_code)
            if answer.municipality
            else None
        )
        if extent is None:
            raise ValidationError(
                answer.error or _("This place is not in one of the regions of the province.")
            )
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict
        data[lat_name] = str(extent["point"]["lat"])
        data[lon_name] = str(extent["point"]["lon"])
        self.data = data
        return query
