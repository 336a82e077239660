"""Fixtures for the whole suite: the real regions, users and a browser on the system Chromium."""

import os
import shutil

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread


class _OneRequestAtATimeServer(WSGIServer):
    """The browser tests' server answers one request at a time. On SQLite the test database lives in
    memory and the server's threads share one connection with the test, so two requests at once (a
    page and its GeoJSON) could break each other ("bad parameter or other API misuse"). Django's own
    browser tests on SQLite use a single-threaded server for the same reason."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


if os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"):
    LiveServerThread.server_class = _OneRequestAtATimeServer

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture
def regions(db):
    """The 18 demonstration regions with their real boundaries and the 67 municipalities."""
    from tests.landscapes.factories import load_real_regions

    return load_real_regions()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; anything leaving the machine is refused, so tests stay offline."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.route(
        lambda url: not url.startswith(live_server.url) and not url.startswith(("data:", "blob:")),
        lambda route: route.abort(),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session", autouse=True)
def _temporary_media_root():
    """Uploaded and generated files of the test run go to a temporary folder, removed afterwards."""
    from django.conf import settings

    yield
    if settings.MEDIA_ROOT.name.startswith("portal-test-media-"):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def english():
    """Run the test in English (Dutch is the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: a request under /en/ leaves English active in the test thread,
    which would otherwise leak into the next test's reverse() and templates."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory cache lives as long as the test process: start each test without entries
    another test left (ids are reused after a transactional test empties the tables)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def reference_data(transactional_db):
    """Run the project's data migrations again (groups, vocabularies, taxa): a transactional test
    that ran before this one emptied the tables they fill."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    state_apps = loader.project_state().apps
    plan = []
    for leaf in loader.graph.leaf_nodes():
        plan.extend(node for node in loader.graph.forwards_plan(leaf) if node not in plan)
    # Data migrations may use their schema editor (its connection, ``execute``), as ``migrate`` gives.
    with connection.schema_editor(atomic=False) as schema_editor:
        for app_label, name in plan:
            if app_label not in {"landscapes", "meetings", "biodiva", "monitoring", "advice"}:
                continue
            for operation in loader.graph.nodes[(app_label, name)].operations:
                if isinstance(operation, RunPython):
                    operation.code(state_apps, schema_editor)


def pytest_addoption(parser):
    parser.addoption(
        "--multiserver",
        action="store_true",
        help="also run tests/integration: two gunicorn servers and a Celery worker on PostgreSQL + Redis",
    )


def pytest_collection_modifyitems(config, items):
    """The multi-server tests start real servers and need PostgreSQL and Redis: .ci/run runs them
    with ``--multiserver``; otherwise they are deselected (not skipped)."""
    if config.getoption("--multiserver"):
        return
    deselected = [item for item in items if "multiserver" in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if "multiserver" not in item.keywords]
