"""The opportunity profile follows the site's region and the answers."""

import pytest

from biodiva.opportunities import opportunities

from .factories import SiteFactory
from .test_scoring import ANSWERS

pytestmark = pytest.mark.django_db


def test_site_in_boom_gets_measures_of_rupel_zenne_dijle(boom_site, rupel_measures):
    assert boom_site.region.slug == "rupel-zenne-dijle"
    answers = ANSWERS | {"nearby_nature": ["farmland"], "has_grass": "yes", "grass_management": "robot"}
    found = opportunities(site=boom_site, answers=answers)
    slugs = [o.measure.slug for o in found]
    # field_margin fits the answers but belongs to another region's landscape image
    assert "field_margin" not in slugs
    assert set(slugs) == {"hedgerow", "pond", "green_roof", "flower_rich_verge"}


def test_ordered_by_gain_effort_and_regional_priority(boom_site, rupel_measures):
    found = opportunities(site=boom_site, answers=ANSWERS)
    # hedgerow: 2×3 − 1 + 2 = 7; pond: 2×3 − 2 + 2 = 6; green roof (priority 5): 2×2 − 3 + 1 = 2
    assert [(o.measure.slug, o.benefit) for o in found] == [("hedgerow", 7), ("pond", 6), ("green_roof", 2)]
    assert all(o.first_step for o in found)


def test_target_species_come_from_the_regions_needs(boom_site, rupel_measures):
    pond = next(o for o in opportunities(site=boom_site, answers=ANSWERS) if o.measure.slug == "pond")
    assert [s.scientific_name for s in pond.species] == ["Triturus cristatus"]


def test_answers_that_leave_no_room_give_no_measure(boom_site, rupel_measures):
    answers = ANSWERS | {"has_pond": "yes", "boundary_type": ["native_hedge"], "has_flat_roof": "no"}
    assert [o.measure.slug for o in opportunities(site=boom_site, answers=answers)] == []


def test_nest_boxes_when_buildings_offer_no_nest_places(boom_site, rupel_measures):
    found = opportunities(site=boom_site, answers=ANSWERS | {"nest_places": ["none"]})
    assert "nest_boxes" in [o.measure.slug for o in found]


def test_site_without_region_has_no_opportunities(company, rupel_measures):
    site = SiteFactory(company=company, region=None)
    assert opportunities(site=site, answers=ANSWERS) == []
