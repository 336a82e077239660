"""The read-only API of realised projects."""

import pytest

from projects.models import Photo, Project
from tests.projects.factories import ProjectFactory, add_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(regions):
    makeover = ProjectFactory(slug="werf-boom", title_nl="Werf aan de Rupel")
    add_photo(makeover, moment=Photo.Moment.AFTER, credit="Piet Na")
    ProjectFactory(slug="buffer", kind=Project.Kind.WATER_BUFFER, year=2022)
    ProjectFactory(slug="draft", is_published=False)
    return makeover


def test_list_is_paginated_and_leaves_drafts_out(client, projects, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        body = client.get("/api/v1/projects/", {"page_size": 1}).json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]


def test_detail_has_region_photos_with_credit_and_links(client, projects):
    body = client.get("/api/v1/projects/werf-boom/").json()
    assert body["region"] == "rupel-zenne-dijle"
    assert body["partners"] == ["Provincie Antwerpen", "Gemeente Boom"]
    assert body["photos"][0]["credit"] == "Piet Na"
    assert body["photos"][0]["card"].startswith("http://testserver/media/projects/renditions/")
    assert body["page_url"] == "http://testserver/projects/werf-boom/"
    assert client.get("/api/v1/projects/draft/").status_code == 404


def test_filters(client, projects):
    slugs = lambda q: [p["slug"] for p in client.get("/api/v1/projects/", q).json()["results"]]  # noqa: E731
    assert slugs({"kind": "water_buffer"}) == ["buffer"]
    assert slugs({"year": 2018}) == ["werf-boom"]
    assert slugs({"region": "rupel-zenne-dijle"}) == ["buffer", "werf-boom"]


def test_a_bad_filter_answers_400_with_the_field(client, projects):
    response = client.get("/api/v1/projects/", {"kind": "castle"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_the_api_is_read_only(client, projects, admin_client):
    assert client.post("/api/v1/projects/", {"slug": "x"}).status_code in (403, 405)
    assert admin_client.delete("/api/v1/projects/werf-boom/").status_code == 405


def test_the_schema_documents_the_projects_endpoint(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/projects/" in schema and "ecosystem_service" in schema
