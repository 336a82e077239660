"""The staff admin for projects: only project editors (their group), uploads checked, renditions made."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.constants import EDITORS_GROUP
from projects.models import Project
from tests.projects.factories import ProjectFactory, jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return user


def _form(**extra) -> dict:
    data = {
        "slug": "nieuw",
        "title_nl": "Nieuw project",
        "title_en": "New project",
        "kind": "water_buffer",
        "programme": "",
        "year": "2024",
        "latitude": "51.0875",
        "longitude": "4.3665",
        "partners": "Gemeente Boom",
        "story_nl": "Verhaal",
        "story_en": "Story",
        "is_published": "on",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-moment": "after",
        "photos-0-credit": "Jan Fotograaf",
        "photos-0-alt_nl": "Een poel",
        "photos-0-alt_en": "A pond",
        "photos-0-position": "0",
    }
    return data | extra


def test_an_editor_adds_a_project_with_a_picture_and_gets_region_and_renditions(client, editor, regions):
    picture = SimpleUploadedFile("poel.jpg", jpeg(), content_type="image/jpeg")
    response = client.post("/admin/projects/project/add/", _form(**{"photos-0-image": picture}))
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(slug="nieuw")
    assert project.region.slug == "rupel-zenne-dijle"
    photo = project.photos.get()
    assert photo.image_card.name.endswith("-600.jpg") and photo.image_large.name.endswith("-1200.jpg")


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(client, editor, regions):
    fake = SimpleUploadedFile("poel.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = client.post("/admin/projects/project/add/", _form(**{"photos-0-image": fake}))
    assert response.status_code == 200
    assert "geldige afbeelding" in response.content.decode()
    assert not Project.objects.exists()


def test_a_gif_is_refused_with_the_portal_message(client, editor, regions):
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    gif = SimpleUploadedFile("poel.gif", out.getvalue(), content_type="image/gif")
    response = client.post("/admin/projects/project/add/", _form(**{"photos-0-image": gif}))
    assert response.status_code == 200
    assert "JPEG, PNG of WebP" in response.content.decode()
    assert not Project.objects.exists()


def test_staff_without_the_editors_group_cannot_open_the_projects_admin(client, regions):
    ProjectFactory(slug="werf")
    client.force_login(User.objects.create_user("other-staff", password="x", is_staff=True))
    assert client.get("/admin/projects/project/").status_code == 403
    assert client.post("/admin/projects/project/add/", _form()).status_code == 403
    assert not Project.objects.filter(slug="nieuw").exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/projects/project/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editor_lists_and_edits_existing_projects(client, editor, regions):
    project = ProjectFactory(slug="werf")
    assert client.get("/admin/projects/project/").status_code == 200
    html = client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert "Rupel" in html  # the region found from the location is shown, read-only
