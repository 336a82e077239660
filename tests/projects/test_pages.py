"""The public pages of realised projects: list and filters, a project, 2B Connect, region and map."""

import json

import pytest

from landscapes.models import DevelopmentGoal, EcosystemService
from projects.constants import TWO_B_CONNECT
from projects.models import Photo, Project
from tests.landscapes.factories import MeasureFactory, SpeciesFactory
from tests.projects.factories import BREDA, ProjectFactory, add_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(regions):
    pond = MeasureFactory(slug="pond", name_nl="poel", name_en="pond")
    water = EcosystemService.objects.get(code="water_retention")
    pond.ecosystem_services.add(water)
    makeover = ProjectFactory(
        slug="werf-boom", title_nl="Werf aan de Rupel", title_en="Wharf on the Rupel", programme=TWO_B_CONNECT
    )
    makeover.measures.add(pond)
    makeover.ecosystem_services.add(water)
    makeover.development_goals.add(DevelopmentGoal.objects.get(number=15))
    makeover.species.add(SpeciesFactory(scientific_name="Bufo bufo", name_nl="gewone pad", name_en="toad"))
    buffer = ProjectFactory(
        slug="buffer-geel",
        title_nl="Waterbuffer Geel",
        kind=Project.Kind.WATER_BUFFER,
        year=2022,
        latitude=51.1687,
        longitude=4.9890,
    )
    draft = ProjectFactory(slug="nog-niet", title_nl="Nog niet gepubliceerd", is_published=False)
    return {"makeover": makeover, "buffer": buffer, "draft": draft, "pond": pond}


def test_list_shows_published_projects_only(client, projects):
    html = client.get("/projects/").content.decode()
    assert "Werf aan de Rupel" in html and "Waterbuffer Geel" in html
    assert "Nog niet gepubliceerd" not in html
    assert "2 projecten" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "water_buffer"}, "Waterbuffer Geel", "Werf aan de Rupel"),
        ({"region": "rupel-zenne-dijle"}, "Werf aan de Rupel", "Waterbuffer Geel"),
        ({"year": "2022"}, "Waterbuffer Geel", "Werf aan de Rupel"),
        ({"ecosystem_service": "water_retention"}, "Werf aan de Rupel", "Waterbuffer Geel"),
        ({"goal": "15"}, "Werf aan de Rupel", "Waterbuffer Geel"),
    ],
)
def test_list_filters(client, projects, query, shown, hidden):
    html = client.get("/projects/", query).content.decode()
    assert shown in html and hidden not in html


def test_a_filter_value_that_is_not_in_the_list_is_reported_and_ignored(client, projects):
    response = client.get("/projects/", {"kind": "castle", "year": "2022"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html and "castle is geen beschikbare keuze" in html
    assert "Waterbuffer Geel" in html and "Werf aan de Rupel" not in html  # the valid filter still applies


def test_project_page_shows_story_facts_and_pictures_with_credits(client, projects):
    project = projects["makeover"]
    add_photo(project, moment=Photo.Moment.BEFORE, credit="Els Voor")
    add_photo(project, moment=Photo.Moment.AFTER, credit="Piet Na")
    html = client.get("/en/projects/werf-boom/").content.decode()
    assert "Wharf on the Rupel" in html and "A story about the project." in html
    assert "Before: A pond · Picture: Els Voor" in html and "After: A pond · Picture: Piet Na" in html
    assert 'href="/en/regions/rupel-zenne-dijle/"' in html
    assert 'href="/en/measures/pond/"' in html
    assert "Gemeente Boom" in html and "water retention" in html and "SDG 15: Life on land" in html
    assert "toad" in html
    assert "2B Connect" in html
    assert "Demonstration content" not in html


def test_demo_project_page_says_it_is_a_demonstration(client, projects):
    ProjectFactory(slug="demo-x", is_demo=True)
    assert "Demonstratie-inhoud" in client.get("/projects/demo-x/").content.decode()


def test_a_project_outside_the_province_has_no_region_and_says_so(client, regions):
    project = ProjectFactory(slug="breda", latitude=BREDA[0], longitude=BREDA[1])
    assert project.region is None
    assert "Buiten de provincie Antwerpen" in client.get("/projects/breda/").content.decode()


def test_unpublished_or_unknown_project_is_not_found(client, projects):
    assert client.get("/projects/nog-niet/").status_code == 404
    assert client.get("/projects/bestaat-niet/").status_code == 404


def test_2b_connect_page_tells_the_story_and_lists_its_makeovers_only(client, projects):
    html = client.get("/en/projects/2b-connect/").content.decode()
    assert "Interreg Vlaanderen-Nederland" in html and "2016 to 2019" in html and "26 partners" in html
    assert "10 selected business areas" in html and "trained advisors" in html
    assert "Wharf on the Rupel" in html and "Waterbuffer Geel" not in html
    dutch = client.get("/projects/2b-connect/").content.decode()
    assert "26 partners" in dutch and "bedrijventerreinen" in dutch


def test_region_page_has_a_section_with_its_projects(client, projects):
    html = client.get("/regions/rupel-zenne-dijle/").content.decode()
    assert "Gerealiseerde projecten in deze regio" in html
    assert 'href="/projects/werf-boom/"' in html and "Waterbuffer Geel" not in html
    other = client.get("/regions/zuiderkempen/").content.decode()
    assert "Gerealiseerde projecten in deze regio" not in other


def test_map_layer_is_registered_and_serves_published_points(client, projects):
    home = client.get("/").content.decode()
    start = home.index('<script id="overview-data" type="application/json">') + len(
        '<script id="overview-data" type="application/json">'
    )
    data = json.loads(home[start : home.index("</script>", start)])
    overlay = next(o for o in data["overlays"] if o["id"] == "projects")
    geojson = client.get(overlay["url"]).json()
    titles = {f["properties"]["title"] for f in geojson["features"]}
    assert titles == {"Werf aan de Rupel", "Waterbuffer Geel"}
    boom = next(f for f in geojson["features"] if f["properties"]["title"] == "Werf aan de Rupel")
    assert boom["geometry"] == {"type": "Point", "coordinates": [4.3665, 51.0875]}
    assert boom["properties"]["url"] == "/projects/werf-boom/"


def test_navigation_links_to_the_projects(client, regions):
    assert 'href="/en/projects/"' in client.get("/en/measures/").content.decode()
