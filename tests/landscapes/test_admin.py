"""Staff editing regions in the admin: bad input is refused with a message, never a server error."""

import json

import pytest
from django.contrib.auth import get_user_model

from landscapes.models import Region
from tests.landscapes.factories import RegionFactory, square

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def staff_client(client):
    staff = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-12345-abc")
    client.force_login(staff)
    return client


def change(client, region, **fields):
    url = f"/en/admin/landscapes/region/{region.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("image", "brochure")}
    data.update({"landscape_types": [], "boundary": json.dumps(region.boundary)})
    for prefix in ("municipalities", "species_needs", "region_measures"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(fields)
    return client.post(url, data)


@pytest.mark.parametrize(
    ("boundary", "message"),
    [
        ({"type": "Point", "coordinates": [4.4, 51.1]}, "a Point is not an area"),
        (square(51.1, 4.4), "are longitude and latitude swapped"),
        ({"type": "Polygon", "coordinates": [[[4.4, 51.1]]]}, "Not a usable boundary"),
    ],
)
def test_a_boundary_that_is_not_an_area_in_belgium_is_refused(staff_client, boundary, message):
    region = RegionFactory(slug="zuiderkempen")
    before = region.boundary
    response = change(staff_client, region, boundary=json.dumps(boundary))
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors["boundary"])
    assert Region.objects.get(pk=region.pk).boundary == before


def test_a_good_boundary_is_saved_and_moves_the_lookup(staff_client):
    from landscapes import selectors

    region = RegionFactory(slug="zuiderkempen")
    response = change(staff_client, region, boundary=json.dumps(square(5.0, 51.0)))
    assert response.status_code == 302
    assert selectors.region_for_point(lon=5.05, lat=51.05) == region


def test_a_boundary_overlapping_another_region_is_saved_with_a_warning(staff_client):
    RegionFactory(slug="zuiderkempen", name_en="Southern Campine", boundary=square(5.0, 51.0))
    region = RegionFactory(slug="kempense-heuvelrug", boundary=square(4.0, 51.0))
    response = change(staff_client, region, boundary=json.dumps(square(5.05, 51.0)))
    assert response.status_code == 302
    warnings = [str(m) for m in response.wsgi_request._messages]
    assert any("overlaps Southern Campine (50% of its area)" in w for w in warnings)
