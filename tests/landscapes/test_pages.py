"""The HTML pages of the landscape images, in Dutch and English."""

import pytest
from django.urls import reverse

from landscapes.models import RegionMeasure, SpeciesNeed
from tests.landscapes.factories import MeasureFactory, SpeciesFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_map_all_regions_and_municipalities_in_a_few_queries(
    client, regions, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="overview-map"' in html
    assert html.count('class="card"') == 18
    assert '<option value="Turnhout">' in html
    assert "Statbel" in html
    assert "unpkg" not in html and "cdn" not in html.lower()


def test_home_is_dutch_by_default_and_english_under_en(client, regions):
    dutch = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="nl">' in dutch and "In welk landschap woon jij?" in dutch
    assert '<html lang="en">' in english and "Which landscape do you live in?" in english
    assert "Rupel, Zenne and Dijle" in english


@pytest.mark.parametrize(
    ("page", "dutch", "english"),
    [
        ("/regions/zuiderkempen/", "/regions/zuiderkempen/", "/en/regions/zuiderkempen/"),
        ("/en/regions/zuiderkempen/", "/regions/zuiderkempen/", "/en/regions/zuiderkempen/"),
        (
            "/en/measures/?applies_to=school",
            "/measures/?applies_to=school",
            "/en/measures/?applies_to=school",
        ),
    ],
)
def test_language_switch_leads_to_the_same_page_in_both_directions(client, regions, page, dutch, english):
    html = client.get(page).content.decode()
    assert f'href="{dutch}" lang="nl"' in html
    assert f'href="{english}" lang="en"' in html


def test_finder_without_javascript_leads_to_the_region_page(client, regions):
    response = client.get(reverse("landscapes:find-region"), {"municipality": "turnhout"})
    assert response.status_code == 302
    assert response["Location"] == "/regions/turnhoutse-kempen/"
    accents = client.get(reverse("landscapes:find-region"), {"municipality": "Puurs Sint Amands"})
    assert accents["Location"] == "/regions/schelde-klein-brabant/"


def test_finder_with_an_unknown_name_says_so_next_to_the_field_and_keeps_it(client, regions):
    response = client.get(reverse("landscapes:find-region"), {"municipality": "Amsterdam"}, follow=True)
    html = response.content.decode()
    assert "“Amsterdam” is geen gemeente, postcode of deelgemeente van de provincie Antwerpen" in html
    assert 'value="Amsterdam"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="municipality-error municipality-help"' in html


def test_region_page_shows_species_needs_and_measures_grouped_by_where_they_apply(
    client, regions, django_assert_max_num_queries
):
    region = regions["rupel-zenne-dijle"]
    frog = SpeciesFactory(scientific_name="Rana arvalis", name_nl="heikikker", name_en="moor frog")
    pond = MeasureFactory(
        slug="pond", name_nl="poel", name_en="pond", applies_to=["private_garden", "farmland"]
    )
    roof = MeasureFactory(
        slug="green_roof", name_nl="groendak", name_en="green roof", applies_to=["company_site"]
    )
    need = SpeciesNeed.objects.create(
        region=region, species=frog, breeding=True, note_nl="Heeft poelen nodig."
    )
    need.elements.set([pond])
    RegionMeasure.objects.create(region=region, measure=pond, priority=1, note_nl="Vooral in de kleiputten.")
    RegionMeasure.objects.create(region=region, measure=roof, priority=2)
    with django_assert_max_num_queries(12):
        response = client.get(region.get_absolute_url())
    html = response.content.decode()
    assert "heikikker" in html and "Rana arvalis" in html and "Heeft poelen nodig." in html
    assert "Voortplanting" in html and "#need-breeding" in html  # the use, in Dutch, with its icon
    garden, company, farm = (
        html.index(h) for h in ("In mijn tuin", "Op mijn bedrijfsterrein", "Op landbouwgrond")
    )
    assert garden < company < farm
    assert html.lower().count(">poel</a>") >= 3  # under garden and farmland, and as an element the frog needs
    assert "Vooral in de kleiputten." in html
    assert reverse("landscapes:region-brochure", kwargs={"slug": region.slug}) in html
    assert 'id="region-map"' in html


def test_unknown_region_is_404(client, regions):
    assert client.get("/regions/atlantis/").status_code == 404


def test_measure_list_filters_by_where_it_applies(client, db):
    MeasureFactory(slug="pond", name_nl="poel", applies_to=["private_garden"])
    MeasureFactory(slug="green_roof", name_nl="groendak", applies_to=["company_site"])
    html = client.get(reverse("landscapes:measure-list"), {"applies_to": "company_site"}).content.decode()
    assert "groendak" in html.lower() and ">poel<" not in html.lower()


def test_measure_and_species_pages(client, regions):
    fox = SpeciesFactory(scientific_name="Vulpes vulpes", name_nl="vos", name_en="red fox")
    hedge = MeasureFactory(slug="hedgerow", name_nl="houtkant", name_en="hedgerow")
    hedge.species.add(fox)
    SpeciesNeed.objects.create(region=regions["zuiderkempen"], species=fox, moving=True)
    RegionMeasure.objects.create(region=regions["zuiderkempen"], measure=hedge, priority=1)
    measure_html = client.get(hedge.get_absolute_url()).content.decode()
    assert "vos" in measure_html and "Zuiderkempen" in measure_html
    species_html = client.get("/en" + fox.get_absolute_url()).content.decode()
    assert "red fox" in species_html and "Southern Campine" in species_html and "hedgerow" in species_html
