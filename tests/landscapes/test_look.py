"""Region and species pages as cards: needs with icons, measures without raw priority numbers, and
image-led region cards on the home page."""

import pytest
from django.urls import reverse

from landscapes.models import ApplicationArea, Measure, RegionMeasure, Species, SpeciesNeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def boom_region(regions):
    region = regions["rupel-zenne-dijle"]
    pond = Measure.objects.create(slug="pond", name_nl="poel", name_en="pond", summary_nl="Een poel.")
    hedge = Measure.objects.create(slug="hedge", name_nl="haag", name_en="hedge", summary_nl="Een haag.")
    garden = ApplicationArea.objects.get(code="private_garden")
    for priority, measure in [(5, pond), (6, hedge)]:
        measure.applies_to.add(garden)
        RegionMeasure.objects.create(region=region, measure=measure, priority=priority)
    toad = Species.objects.create(
        name_nl="rugstreeppad", name_en="natterjack", scientific_name="Epidalea calamita"
    )
    SpeciesNeed.objects.create(region=region, species=toad, breeding=True, hibernation=True)
    return region


def test_species_needs_show_as_icons_with_words(client, boom_region):
    html = client.get(boom_region.get_absolute_url()).content.decode()

    card = html[html.index('class="species-card"') :]
    assert "#need-breeding" in card and "#need-hibernation" in card
    assert "Voortplanting" in card or "voortplanting" in card.lower()
    assert "#need-feeding" not in card[: card.index("</li>")]


def test_measures_in_a_group_show_no_priority_numbers(client, boom_region):
    html = client.get(boom_region.get_absolute_url()).content.decode()

    assert "prioriteit 5" not in html and "prioriteit 6" not in html
    assert html.index(">Poel<") < html.index(">Haag<")  # still in order of importance


def test_home_page_region_cards_lead_with_the_image_and_link_as_a_whole(client, regions):
    html = client.get(reverse("home")).content.decode()

    cards = html[html.index('<ul class="cards region-cards">') :]
    assert '<a class="card-link" href="/regions/' in cards
    assert "Lees het landschapsbeeld" in cards


def test_one_wording_for_the_industrial_area(client, regions):
    headings = list(ApplicationArea.objects.values_list("heading_nl", flat=True))

    assert "Op mijn bedrijfsterrein" in headings and "In de industriezone" in headings
    assert "Op het bedrijventerrein" not in headings
