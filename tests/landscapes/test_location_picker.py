"""The location picker of every form with a place on the map: BIODIVA sites, meeting venues,
local plans, monitored structures and advice requests share one widget; coordinates may use a
decimal comma."""

import pytest
from django import forms

from landscapes.widgets import CoordinateField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "value"), [("51,0875", 51.0875), (" 51.0875 ", 51.0875), ("4,3665", 4.3665)]
)
def test_coordinates_take_a_belgian_decimal_comma(typed, value):
    assert CoordinateField().clean(typed) == value


def test_a_coordinate_that_is_not_a_number_is_refused():
    with pytest.raises(forms.ValidationError) as info:
        CoordinateField().clean("51,08,75")
    assert info.value.code == "invalid"


@pytest.mark.parametrize(
    "form_path",
    [
        "biodiva.forms.SiteForm",
        "meetings.forms.MeetingForm",
        "monitoring.forms.StructureForm",
        "advice.forms.RequestForm",
    ],
)
def test_every_form_with_a_place_uses_the_same_picker(form_path, regions):
    from django.utils.module_loading import import_string

    from landscapes.widgets import LocationPicker

    form_class = import_string(form_path)
    form = form_class()
    names = list(form.fields)
    assert names.index("place") == names.index("latitude") - 1
    assert isinstance(form.fields["place"].widget, LocationPicker)
    assert isinstance(form.fields["latitude"], CoordinateField)
    html = str(form["place"])
    assert '"latitude": "id_latitude"' in html and "data-location-picker" in html
    assert "js/location-picker-map.js" in str(form.media)


def test_a_local_plan_form_has_the_picker_too(regions):
    from landscapes.widgets import LocationPicker
    from meetings.forms import OutcomeForm
    from tests.meetings.factories import MeetingFactory

    form = OutcomeForm(meeting=MeetingFactory(regions=[regions["rupel-zenne-dijle"]]))
    assert isinstance(form.fields["place"].widget, LocationPicker)
    assert isinstance(form.fields["longitude"], CoordinateField)
