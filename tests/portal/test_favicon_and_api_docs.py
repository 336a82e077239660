"""The portal's icon everywhere, and API documentation that asks nothing of other sites."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_portal_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")
    assert "<svg" in Path(finders.find("favicon.svg")).read_text()


@pytest.mark.parametrize("path", ["/", "/api/docs/", "/api/redoc/"])
def test_pages_name_the_portal_icon(client, path):
    html = client.get(path).content.decode()

    assert re.search(r'<link rel="icon" href="/static/favicon[^"]*\.svg"', html)


def test_redoc_loads_nothing_from_another_site(client):
    html = client.get("/api/redoc/").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)

    assert scripts and all(src.startswith("/") for src in scripts)
    bundle = client.get(scripts[0])
    assert bundle.status_code == 200 and bundle["Content-Type"].startswith("text/javascript")
    assert b"cdn.redoc.ly" not in bundle.content
