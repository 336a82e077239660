"""The students' page: internships and monitoring projects, the structures open to students."""

import pytest
from django.contrib.auth.models import User

from monitoring.models import Structure
from tests.monitoring.factories import StructureFactory, ecologist

pytestmark = pytest.mark.django_db


@pytest.fixture
def structures(regions):
    open_one = StructureFactory(
        slug="tunnel-boom",
        name="Faunatunnel Boom",
        open_for_students=True,
        student_tasks="Camerabeelden nakijken en sporenplaten lezen.",
    )
    closed = StructureFactory(slug="ecoduct-gesloten", name="Ecoduct Gesloten")
    return open_one, closed


def test_page_lists_only_structures_open_for_students_and_how_to_take_part(client, structures):
    html = client.get("/monitoring/students/").content.decode()
    assert 'href="/monitoring/structures/tunnel-boom/"' in html
    assert "Camerabeelden nakijken en sporenplaten lezen." in html
    assert "Ecoduct Gesloten" not in html
    assert "Stages" in html and "Hoe doe je mee?" in html
    assert "mailto:" in html


def test_page_in_english(client, structures):
    html = client.get("/en/monitoring/students/").content.decode()
    assert "Internships" in html and "How to take part" in html
    assert 'href="/en/monitoring/structures/tunnel-boom/"' in html


def test_page_says_so_when_no_structure_is_open(client, regions):
    StructureFactory(slug="gesloten")
    html = client.get("/en/monitoring/students/").content.decode()
    assert "No structure is open for student monitoring right now" in html


def test_monitoring_pages_link_to_the_students_page(client, structures):
    assert 'href="/monitoring/students/"' in client.get("/monitoring/").content.decode()
    detail = client.get("/monitoring/structures/tunnel-boom/").content.decode()
    assert 'href="/monitoring/students/"' in detail and "Open voor monitoring door studenten" in detail
    closed = client.get("/monitoring/structures/ecoduct-gesloten/").content.decode()
    assert "Open voor monitoring door studenten" not in closed


def test_ecologists_open_a_structure_for_students_in_their_form(client, structures):
    client.force_login(ecologist())
    closed = structures[1]
    form = client.get(f"/monitoring/structures/{closed.slug}/edit/").content.decode()
    assert 'name="open_for_students"' in form
    response = client.post(
        f"/monitoring/structures/{closed.slug}/edit/",
        {
            "name": closed.name,
            "slug": closed.slug,
            "structure_type": closed.structure_type,
            "latitude": closed.latitude,
            "longitude": closed.longitude,
            "crosses": closed.crosses,
            "crosses_name": "A12",
            "open_for_students": "on",
            "student_tasks": "Sporen lezen.",
        },
    )
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.open_for_students and closed.student_tasks == "Sporen lezen."


def test_other_users_cannot_open_a_structure_for_students(client, structures):
    client.force_login(User.objects.create_user("someone", password="x", is_staff=True))
    closed = structures[1]
    response = client.post(
        f"/monitoring/structures/{closed.slug}/edit/",
        {"name": closed.name, "slug": closed.slug, "open_for_students": "on"},
    )
    assert response.status_code in (403, 404)
    assert not Structure.objects.get(pk=closed.pk).open_for_students
