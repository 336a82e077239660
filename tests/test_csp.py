"""Content-Security-Policy: every page type loads and runs without a single CSP violation (and without
sideways scrolling), at phone and desktop width, in both languages; the API documentation keeps working
under its own policy."""

import pytest

from tests.pages import load_demo, log_in, page_types

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


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_type_reports_a_csp_violation_or_scrolls_sideways(page, live_server, reference_data, width):
    load_demo()
    pages = page_types()
    page.set_viewport_size({"width": width, "height": 900})
    console = _watch(page)
    problems = {}
    for role, paths in pages.items():
        if role:
            page.context.clear_cookies()
            log_in(page, live_server.url, role)
        for path in paths:
            for prefix in ("", "/en") if role is None else ("",):
                found = _violations_on(page, live_server.url + prefix + path, console)
                if found:
                    problems[prefix + path] = found
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_api_documentation_works_under_its_policy(page, live_server, transactional_db):
    console = _watch(page)
    assert _violations_on(page, live_server.url + "/api/docs/", console) == []
    page.locator(".swagger-ui .opblock").first.wait_for()
    found = _violations_on(page, live_server.url + "/api/redoc/", console)
    page.locator("#redoc h1, [role=navigation]").first.wait_for(timeout=30_000)
    # ReDoc's bundle shows its maker's logo from their CDN: the policy keeps that request from leaving
    # the machine. Nothing of the portal itself is blocked.
    assert [v for v in found if "cdn.redoc.ly" not in v] == []
