"""In a real browser: log in, fill in a whole scan step by step and download the PDF report."""

import pytest

from biodiva.models import Scan

from .factories import SiteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_visible_step(page) -> None:
    """Answer every question shown: the first option, or a number within the range."""
    fieldsets = page.locator("fieldset.biodiva-question")
    for i in range(fieldsets.count()):
        fieldset = fieldsets.nth(i)
        if not fieldset.is_visible():  # hidden by an answer given just before
            continue
        options = fieldset.locator("input[type=radio], input[type=checkbox]")
        if options.count():
            options.first.check()
        number = fieldset.locator("input[type=number]")
        if number.count():
            number.fill(number.get_attribute("min") or "10")


def test_fill_in_a_whole_scan_and_download_the_pdf(page, live_server, questionnaire, company, company_user):
    site = SiteFactory(company=company, name="Werf Boom")
    page.goto(f"{live_server.url}/accounts/login/?next=/biodiva/sites/{site.pk}/")
    page.fill("input[name=username]", company_user.username)
    page.fill("input[name=password]", "secret-pass-123")
    page.locator("form.form button[type=submit]").click()
    page.locator(f"form[action='/biodiva/sites/{site.pk}/scan/'] button").click()

    # a conditional question in the same step appears only once its condition holds
    page.locator("input[name=q_unpaved_pct]").wait_for()
    page.goto(page.url.replace("/step/1/", "/step/2/"))
    management = page.locator("fieldset", has=page.locator("input[name=q_grass_management]"))
    assert management.is_hidden()
    page.check("input[name=q_has_grass][value=yes]")
    assert management.is_visible()
    page.goto(page.url.replace("/step/2/", "/step/1/"))

    # answers can be given with the keyboard alone
    page.focus("#id_q_unpaving_done_0")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#id_q_unpaving_done_1")

    # on a phone-sized screen the step fits without sideways scrolling
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    for _ in range(10):
        _fill_visible_step(page)
        step_url = page.url
        page.locator("button[name=action][value=next]").click()
        # the next page, not the step still on screen while the answer is saved
        page.wait_for_url(lambda url, left=step_url: url != left)
        if "/step/" not in page.url:
            break
    scan = Scan.objects.get(site=site)
    assert scan.status == Scan.Status.COMPLETED
    assert page.url.endswith(f"/biodiva/scans/{scan.pk}/")
    assert page.locator(".biodiva-score-value").inner_text().strip() == f"{scan.result.overall:.0f}"

    with page.expect_download() as download:
        page.locator("a[href$='report.pdf']").click()
    with open(download.value.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"


def test_enter_in_a_field_saves_and_goes_forward_not_back(
    page, live_server, questionnaire, site, company_user
):
    from biodiva.services import start_scan

    scan = start_scan(site=site, user=company_user)
    page.goto(f"{live_server.url}/accounts/login/?next=/biodiva/scans/{scan.pk}/step/8/")
    page.fill("input[name=username]", company_user.username)
    page.fill("input[name=password]", "secret-pass-123")
    page.locator("form.form button[type=submit]").click()
    page.check("input[name=q_parking_surface] >> nth=0")
    page.fill("input[name=q_sustainable_commute_pct]", "40")
    page.press("input[name=q_sustainable_commute_pct]", "Enter")
    page.wait_for_url(f"**/biodiva/scans/{scan.pk}/step/9/")
    assert scan.answers.get(question__code="sustainable_commute_pct").value == 40


@pytest.mark.parametrize("width", [390, 1280])
def test_score_chart_text_stays_legible_on_a_phone_and_a_desktop(
    page, live_server, client, questionnaire, site, company_user, width
):
    """The chart's theme names render at least 11 CSS pixels high, whatever the screen width."""
    from biodiva.services import start_scan

    from .helpers import fill_in_scan

    scan = start_scan(site=site, user=company_user)
    client.force_login(company_user)
    fill_in_scan(client, scan)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/?next=/biodiva/scans/{scan.pk}/")
    page.fill("input[name=username]", company_user.username)
    page.fill("input[name=password]", "secret-pass-123")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**/biodiva/scans/{scan.pk}/")

    charts = page.locator("svg.biodiva-chart[aria-labelledby^=theme-chart]")
    visible = [charts.nth(i) for i in range(charts.count()) if charts.nth(i).is_visible()]
    assert len(visible) == 1
    label = visible[0].locator("text", has_text="Water").first
    assert label.bounding_box()["height"] >= 11
    assert page.evaluate("document.documentElement.scrollWidth") <= width
