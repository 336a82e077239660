"""In a real browser, the whole advisor request: the company asks from its result page, BIODIVA staff
assign a trained advisor, the advisor sees the company and writes a note the company cannot see, and
the company ends the advice."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group

from biodiva.constants import STAFF_GROUP
from biodiva.models import AdvisorNote, Question
from biodiva.services import complete_scan, save_answers, start_scan

from .factories import UserFactory, trained_advisor
from .test_scoring import ANSWERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-123"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _assert_accessible(page) -> None:
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, (page.url, results.generate_report())


def _login(page, base: str, user, next_url: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"{base}{next_url}")


def test_company_asks_staff_assign_advisor_notes_company_ends(
    page, live_server, reference_data, questionnaire, company, company_user, site
):
    scan = start_scan(site=site, user=company_user)
    questions = {q.code: q for q in Question.objects.filter(theme__version=scan.version)}
    save_answers(scan=scan, values={questions[c]: v for c, v in ANSWERS.items()})
    complete_scan(scan=scan)
    staff = UserFactory(username="biodiva-staff")
    staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    advisor = trained_advisor("pieter")
    advisor.first_name, advisor.last_name = "Pieter", "Adviseur"
    advisor.save()
    base = live_server.url

    # 1. The company asks from its result page.
    _login(page, base, company_user, f"/biodiva/scans/{scan.pk}/")
    _assert_accessible(page)
    page.get_by_label("Waarmee wil je hulp? (optioneel)").fill("Een poel aanleggen")
    page.get_by_role("button", name="Vraag een getrainde adviseur").click()
    page.get_by_text("De provincie zoekt er een voor je").first.wait_for()

    # 2. BIODIVA staff see the request and assign the trained advisor.
    _login(page, base, staff, "/biodiva/staff/advisor-requests/")
    _assert_accessible(page)
    row = page.locator("tr", has_text=company.name)
    assert "Een poel aanleggen" in row.inner_text()
    row.get_by_label("Getrainde adviseur").select_option(label="Pieter Adviseur")
    row.get_by_role("button", name="Toewijzen").click()
    page.get_by_text("Pieter Adviseur adviseert nu Steenbakkerij Alfa").wait_for()

    # 3. The advisor sees the company and writes a note.
    _login(page, base, advisor, "/biodiva/advisor/")
    _assert_accessible(page)
    page.get_by_role("link", name=company.name).click()
    page.get_by_label("Nieuwe notitie (alleen jij kan ze lezen)").fill("Budget pas in 2027.")
    page.get_by_role("button", name="Bewaar de notitie").click()
    page.get_by_text("Budget pas in 2027.").wait_for()
    _assert_accessible(page)
    assert AdvisorNote.objects.filter(author=advisor, company=company).count() == 1

    # 4. The company sees who advises it, not the note, and ends the advice.
    _login(page, base, company_user, "/biodiva/")
    page.get_by_role("link", name="Jouw adviseurs").click()
    page.wait_for_url(f"{base}/biodiva/companies/{company.pk}/advisors/")
    main = page.locator("main").inner_text()
    assert "Pieter Adviseur" in main and "Budget pas in 2027." not in main
    _assert_accessible(page)
    page.get_by_role("button", name="Beëindig het advies van Pieter Adviseur").click()
    page.get_by_text("Pieter Adviseur adviseert je bedrijf niet meer.").wait_for()
    assert not company.advisors.exists()

    # The advisor no longer sees the company.
    _login(page, base, advisor, "/biodiva/advisor/")
    assert company.name not in page.locator("main").inner_text()
