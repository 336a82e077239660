"""Content-Security-Policy: every page type loads and runs without a single CSP violation (and without
sideways scrolling), at phone and desktop width, in both languages; the API documentation keeps working
under its own policy."""

import pytest

from tests.pages import every_page, load_demo, log_in

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")
                    + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _watch(page) -> list[str]:
    page.context.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return console


def _violations_on(page, url: str, console: list[str]) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status < 500, url
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__csp") + console
    console.clear()
    width = page.viewport_size["width"]
    overflow = page.evaluate("document.documentElement.scrollWidth")
    if overflow > width:
        found.append(f"the page is {overflow} px wide in a {width} px window")
    return found


def test_every_page_is_served_with_a_strict_policy(client, db):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def _admin_pages() -> list[tuple[str, str]]:
    """The Django admin as the demo staff use it: its index, a list and an add form per app they manage.

    Django's own screens are checked for CSP violations only, not for their width on a phone."""
    from meetings.models import Meeting

    meeting = Meeting.objects.order_by("pk").first()
    return [
        ("demo-organiser", "/admin/"),
        ("demo-organiser", "/admin/meetings/meeting/"),
        ("demo-organiser", "/admin/meetings/meeting/add/"),
        ("demo-organiser", f"/admin/meetings/meeting/{meeting.pk}/change/"),
        ("demo-biodiva-staff", "/admin/biodiva/company/"),
        ("demo-biodiva-staff", "/admin/biodiva/site/add/"),
    ]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_type_reports_a_csp_violation_or_scrolls_sideways(page, live_server, reference_data, width):
    load_demo()
    # The API's documentation runs under its own policy (the test below).
    pages = [(role, path) for role, path in every_page() if not path.startswith("/api/")] + _admin_pages()
    page.set_viewport_size({"width": width, "height": 900})
    console = _watch(page)
    problems = {}
    logged_in = None
    for role, path in pages:
        if role != logged_in:
            page.context.clear_cookies()
            if role:
                log_in(page, live_server.url, role)
            logged_in = role
        found = _violations_on(page, live_server.url + path, console)
        if path.startswith("/admin/"):
            found = [f for f in found if "px wide" not in f]
        if found:
            problems[f"{role or 'anonymous'} {path}"] = found
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_api_documentation_works_under_its_policy(page, live_server, transactional_db):
    console = _watch(page)
    assert _violations_on(page, live_server.url + "/api/docs/", console) == []
    page.locator(".swagger-ui .opblock").first.wait_for()
    found = _violations_on(page, live_server.url + "/api/redoc/", console)
    page.locator("#redoc h1, [role=navigation]").first.wait_for(timeout=30_000)
    found += page.evaluate("window.__csp") + console
    assert found == []
