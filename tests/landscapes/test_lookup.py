"""Which region contains a point: the index behind the overview map."""

import pytest

from landscapes import selectors

pytestmark = pytest.mark.django_db

BOOM = (4.3665, 51.0875)
TURNHOUT = (4.9447, 51.3227)
# In the Netherlands, between the Baarle-Hertog enclaves (Baarle-Nassau).
BAARLE_NASSAU = (4.9316, 51.4416)
# One of the Baarle-Hertog enclaves (H1, the biggest, around the town hall area).
BAARLE_HERTOG_ENCLAVE = (4.9302, 51.4424)


def test_a_point_in_boom_is_in_rupel_zenne_en_dijle(regions):
    region = selectors.region_for_point(lon=BOOM[0], lat=BOOM[1])
    assert region is not None
    assert region.name_nl == "Rupel, Zenne en Dijle"


def test_a_point_in_turnhout_is_in_turnhoutse_kempen(regions):
    region = selectors.region_for_point(lon=TURNHOUT[0], lat=TURNHOUT[1])
    assert region.slug == "turnhoutse-kempen"


def test_a_point_outside_the_province_has_no_region(regions):
    assert selectors.region_for_point(lon=4.35, lat=50.85) is None  # Brussels


def test_lookup_sees_a_changed_boundary_at_once(regions):
    region = regions["rupel-zenne-dijle"]
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) == region
    region.boundary = regions["turnhoutse-kempen"].boundary
    region.save()
    regions["turnhoutse-kempen"].delete()
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) is None
    assert selectors.region_for_point(lon=TURNHOUT[0], lat=TURNHOUT[1]) == region
