"""The index pages people try by address: /regions/ and /species/, linked from the navigation."""

import pytest

from landscapes.models import LandscapeType, Species, SpeciesNeed
from tests.landscapes.factories import SpeciesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def typed(regions):
    polder = LandscapeType.objects.create(code="polder", name_nl="Polder", name_en="Polder")
    heath = LandscapeType.objects.create(code="heath", name_nl="Heide en vennen", name_en="Heathland")
    regions["zuiderkempen"].landscape_types.add(heath)
    regions["schelde-klein-brabant"].landscape_types.add(polder)
    regions["turnhoutse-kempen"].landscape_types.add(heath)
    return regions


def test_regions_index_lists_all_18_regions_with_links(client, typed, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/regions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="card"') == 18
    assert 'href="/regions/zuiderkempen/"' in html
    assert "Heide en vennen" in html


def test_regions_index_filters_by_landscape_type_and_says_how_many(client, typed):
    html = client.get("/regions/", {"type": "heath"}).content.decode()
    assert html.count('class="card"') == 2
    assert 'href="/regions/zuiderkempen/"' in html
    assert 'href="/regions/turnhoutse-kempen/"' in html
    assert 'href="/regions/schelde-klein-brabant/"' not in html
    assert '<option value="heath" selected>' in html


def test_regions_index_with_an_unknown_type_shows_all_and_says_so(client, typed):
    response = client.get("/regions/", {"type": "moon"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="card"') == 18
    assert "Onbekend landschapstype" in html


def test_regions_index_in_english(client, typed):
    html = client.get("/en/regions/", {"type": "heath"}).content.decode()
    assert "All landscape images" in html or "landscape images" in html
    assert "Heathland" in html
    assert 'href="/en/regions/zuiderkempen/"' in html


@pytest.fixture
def species(regions):
    otter = SpeciesFactory(scientific_name="Lutra lutra", name_nl="otter", name_en="otter")
    bat = SpeciesFactory(
        scientific_name="Myotis daubentonii", name_nl="watervleermuis", name_en="Daubenton's bat"
    )
    orchis = SpeciesFactory(
        scientific_name="Dactylorhiza majalis",
        name_nl="brede orchis",
        name_en="broad-leaved marsh orchid",
        group=Species.Group.PLANT,
    )
    SpeciesNeed.objects.create(region=regions["zuiderkempen"], species=otter, feeding=True, moving=True)
    SpeciesNeed.objects.create(region=regions["turnhoutse-kempen"], species=otter, breeding=True)
    SpeciesNeed.objects.create(region=regions["zuiderkempen"], species=bat, hibernation=True)
    return {"otter": otter, "bat": bat, "orchis": orchis}


def test_species_index_groups_species_and_shows_their_needs(client, species, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/species/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Zoogdier") < html.index("otter")  # the group heading comes before its species
    assert html.index("Plant") < html.index("brede orchis")
    assert f'href="/species/{species["otter"].pk}/"' in html
    assert "foerageren" in html and "voortplanting" in html  # what the otter needs
    assert "2 regio" in html  # the otter is described in two regions


def test_species_index_searches_every_name_and_filters_by_group(client, species):
    html = client.get("/species/", {"q": "lutra"}).content.decode()
    assert "otter" in html and "watervleermuis" not in html
    html = client.get("/species/", {"q": "Daubenton"}).content.decode()
    assert "watervleermuis" in html and "otter" not in html
    html = client.get("/species/", {"group": "plant"}).content.decode()
    assert "brede orchis" in html and "otter" not in html


def test_species_index_says_when_nothing_matches_and_keeps_the_search(client, species):
    html = client.get("/en/species/", {"q": "unicorn"}).content.decode()
    assert "No species match" in html
    assert 'value="unicorn"' in html


def test_navigation_links_to_both_index_pages(client, species):
    html = client.get("/measures/").content.decode()
    assert 'href="/regions/"' in html and 'href="/species/"' in html
    html = client.get("/en/").content.decode()
    assert 'href="/en/regions/"' in html and 'href="/en/species/"' in html
