"""Pages in English show stored content in English where it exists, and mark Dutch-only content
with lang="nl" (WCAG 3.1.2); Dutch pages show choices by their Dutch labels, never raw codes."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from tests.landscapes.factories import RegionFactory
from tests.meetings.factories import MeetingFactory
from tests.monitoring.factories import DeploymentFactory, StructureFactory, ecologist

pytestmark = pytest.mark.django_db


def test_the_english_export_page_lists_regions_by_their_english_names(client):
    RegionFactory(slug="kempen", name_nl="Zuiderkempen", name_en="Southern Campine")
    client.force_login(ecologist())
    english = client.get("/en/monitoring/export/").content.decode()
    dutch = client.get("/monitoring/export/").content.decode()
    assert ">Southern Campine<" in english and "Zuiderkempen" not in english
    assert ">Zuiderkempen<" in dutch


def test_the_english_meeting_form_labels_regions_in_english(client):
    from tests.meetings.factories import UserFactory

    RegionFactory(slug="kempen", name_nl="Zuiderkempen", name_en="Southern Campine")
    client.force_login(UserFactory(username="organiser", organiser=True))
    html = client.get(reverse("meetings:staff-meeting-create").replace("/meetings/", "/en/meetings/", 1))
    assert "Southern Campine" in html.content.decode()


def test_dutch_minutes_on_the_english_meeting_page_are_marked_dutch(client):
    meeting = MeetingFactory(
        starts_at=timezone.now() - timedelta(days=3),
        minutes="<p>Notulen van het overleg</p>",
        report_published=True,
    )
    english = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    dutch = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert re.search(r'<div class="prose" lang="nl"><p>Notulen van het overleg', english)
    assert '<div class="prose"><p>Notulen van het overleg' in dutch


def test_student_tasks_on_the_english_students_page_are_marked_dutch(client):
    StructureFactory(slug="tunnel-boom", open_for_students=True, student_tasks="Sporenplaten lezen.")
    english = client.get("/en/monitoring/students/").content.decode()
    assert '<p lang="nl">Sporenplaten lezen.' in english
    assert "<p>Sporenplaten lezen." in client.get("/monitoring/students/").content.decode()


def test_the_dutch_csv_preview_shows_direction_and_outcome_labels(client):
    deployment = DeploymentFactory(structure=StructureFactory(slug="n16"))
    client.force_login(ecologist())
    day = deployment.start.strftime("%Y-%m-%d")
    content = f"timestamp,species,direction,outcome\n{day} 23:10,vos,ab,\n".encode()
    url = reverse("monitoring:csv-upload", kwargs={"pk": deployment.pk})
    html = client.post(url, {"file": SimpleUploadedFile("obs.csv", content)}).content.decode()
    assert "<td>van A naar B</td><td>onbekend</td>" in html
    assert "a_to_b" not in html.split("<tbody>")[1].split("</tbody>")[0]


def test_a_region_without_english_text_is_marked_dutch_on_the_english_page(client):
    region = RegionFactory(
        slug="kempen", short_description_en="", description_nl="Heide en vennen.", description_en=""
    )
    with translation.override("en"):
        url = region.get_absolute_url()
    english = client.get(url).content.decode()
    assert f'<p class="lead" lang="nl">{region.short_description_nl}' in english
    assert '<div lang="nl"><p>Heide en vennen.' in english


def test_a_structure_without_english_description_is_marked_dutch_on_the_english_page(client):
    structure = StructureFactory(
        slug="tunnel-boom", description="Een tunnel onder de weg.", description_en=""
    )
    english = client.get(f"/en/monitoring/structures/{structure.slug}/").content.decode()
    assert '<p lang="nl">Een tunnel onder de weg.' in english
    structure.description_en = "A tunnel under the road."
    structure.save()
    assert (
        "<p>A tunnel under the road."
        in client.get(f"/en/monitoring/structures/{structure.slug}/").content.decode()
    )


def test_the_english_meeting_list_orders_its_region_filter_by_english_name(client):
    RegionFactory(slug="a", name_nl="Aa-vallei", name_en="Zenne valley")
    RegionFactory(slug="b", name_nl="Zuiderkempen", name_en="Campine")
    html = client.get("/en/meetings/").content.decode()
    assert html.index(">Campine<") < html.index(">Zenne valley<")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", ["Bomenrij", "Boomgaard", "Haag", "Poel"]), ("/en", ["Hedgerow", "Orchard", "Pond", "Tree row"])],
)
def test_index_pages_list_measures_and_regions_in_the_alphabet_of_their_language(client, prefix, expected):
    from tests.landscapes.factories import MeasureFactory

    for slug, dutch, english in (
        ("pond", "Poel", "Pond"),
        ("orchard", "Boomgaard", "Orchard"),
        ("tree-row", "Bomenrij", "Tree row"),
        ("hedgerow", "Haag", "Hedgerow"),
    ):
        MeasureFactory(slug=slug, name_nl=dutch, name_en=english)
        RegionFactory(slug=slug, name_nl=dutch, name_en=english)

    for path in ("/measures/", "/regions/"):
        html = client.get(prefix + path).content.decode()
        positions = [html.index(f">{name}<") for name in expected]
        assert positions == sorted(positions), path


def test_a_region_card_without_english_text_is_marked_dutch_on_the_english_home_page(client):
    """The cards and the map's card data show the Dutch short description where the English one is
    missing: the English page marks it lang="nl", the Dutch page and an English text are unmarked."""
    import json

    RegionFactory(slug="kempen", short_description_nl="Heide en vennen.", short_description_en="")
    RegionFactory(
        slug="polders", short_description_nl="Weidse polders.", short_description_en="Wide polders."
    )
    english = client.get("/en/").content.decode()
    dutch = client.get("/").content.decode()
    assert '<p lang="nl">Heide en vennen.</p>' in english
    assert "<p>Wide polders.</p>" in english
    assert "<p>Heide en vennen.</p>" in dutch
    data = json.loads(
        re.search(r'id="overview-data" type="application/json">(.*?)</script>', english).group(1)
    )
    assert data["regions"]["kempen"]["dutch"] == ["short_description"]
    assert data["regions"]["polders"]["dutch"] == []


def test_agenda_items_and_outcomes_without_english_are_marked_dutch_on_the_english_meeting_page(client):
    from tests.meetings.factories import AgendaItemFactory, OutcomeFactory

    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=3), report_published=True)
    AgendaItemFactory(meeting=meeting, time="19:00", title_nl="Welkom", title_en="Welcome")
    AgendaItemFactory(meeting=meeting, time="19:30", title_nl="Rondvraag", title_en="")
    OutcomeFactory(meeting=meeting, title_nl="Haag planten", title_en="", description_en="")
    english = client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "<td>Welcome</td>" in english and '<td lang="nl">Rondvraag</td>' in english
    assert '<h3 lang="nl">Haag planten</h3>' in english
    assert '<div lang="nl"><p>Een haag planten langs de weg.' in english
