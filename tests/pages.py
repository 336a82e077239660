"""Every page type of the portal, per role, with the demo content loaded: one list for the Nu HTML
check, the Content-Security-Policy sweep, the look tests and screenshots."""

from django.core.management import call_command

ROLES = {
    "ecologist": ("demo-ecologist@example.org", "demo-monitoring-2025"),
    "company": ("demo-bedrijf@example.org", "biodiva-demo-2026"),
    "organiser": ("demo-organiser", "demo-organiser-2026"),
}
# The demo accounts' passwords (README), by user name.
DEMO_PASSWORDS = {
    "demo-ecologist": "demo-monitoring-2025",
    "demo-student": "demo-monitoring-2025",
    "demo-bedrijf": "biodiva-demo-2026",
    "demo-adviseur": "biodiva-demo-2026",
    "demo-biodiva-staff": "biodiva-demo-2026",
    "demo-organiser": "demo-organiser-2026",
    "demo-advies": "demo-advies-2026",
}


def load_demo() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def every_page() -> list[tuple[str | None, str]]:
    """(user name, path) of one page of every type, the one list the page-wide browser and HTML checks
    share; ``None`` is an anonymous visitor."""
    from advice.models import AdviceRequest
    from biodiva.models import Company, Scan, Site
    from landscapes.models import Measure, Region, Species
    from meetings.models import Meeting, Outcome, Registration
    from monitoring.models import Deployment, Structure
    from projects.models import Project

    region = Region.objects.order_by("slug").first()
    species = Species.objects.order_by("pk").first()
    measure = Measure.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("starts_at").last()
    registration = (
        Registration.objects.exclude(token="")
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("pk")
        .first()
    )
    outcome = Outcome.objects.order_by("pk").first()
    structure = Structure.objects.order_by("slug").first()
    deployment = Deployment.objects.order_by("pk").first()
    site = Site.objects.order_by("pk").first()
    company = Company.objects.order_by("pk").first()
    scan = Scan.objects.filter(status=Scan.Status.COMPLETED).order_by("pk").first()
    open_scan = Scan.objects.exclude(status=Scan.Status.COMPLETED).order_by("pk").first()
    project = Project.objects.order_by("slug").first()
    advice_request = AdviceRequest.objects.order_by("pk").first()
    answered = AdviceRequest.objects.filter(status="answered").order_by("pk").first() or advice_request
    anonymous = [
        "/",
        "/regions/",
        "/regions/?type=heath_and_fens",
        f"/regions/{region.slug}/",
        "/species/",
        "/species/?q=vleermuis",
        f"/species/{species.pk}/",
        "/measures/",
        f"/measures/{measure.slug}/",
        "/meetings/",
        "/meetings/?when=past",
        meeting.get_absolute_url(),
        f"/meetings/{meeting.pk}/registered/",
        "/meetings/privacy/",
        f"/meetings/registration/{registration.token}/",
        f"/meetings/registration/{registration.token}/cancel/",
        "/biodiva/",
        "/biodiva/signup/",
        "/biodiva/signup/sent/",
        "/monitoring/",
        "/monitoring/compare/",
        "/monitoring/students/",
        f"/monitoring/structures/{structure.slug}/",
        "/projects/",
        "/projects/?kind=castle",
        "/projects/2b-connect/",
        "/projects/sdgs/",
        f"/projects/{project.slug}/",
        "/advice/",
        "/advice/received/",
        "/advice/privacy/",
        f"/advice/request/{answered.token}/",
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
        "/accessibility/",
        "/privacy/",
        "/this-page-does-not-exist/",
        "/en/this-page-does-not-exist/",
        # English
        "/en/",
        f"/en/regions/{region.slug}/",
        "/en/meetings/",
        "/en/biodiva/signup/",
        f"/en/monitoring/structures/{structure.slug}/",
        "/en/projects/sdgs/",
        "/en/advice/",
        "/en/accessibility/",
        # the API's documentation pages
        "/api/docs/",
        "/api/redoc/",
    ]
    return [
        *((None, path) for path in anonymous),
        *(
            ("demo-ecologist", path)
            for path in [
                "/monitoring/",
                "/monitoring/review/",
                "/monitoring/mine/",
                "/monitoring/export/",
                "/en/monitoring/export/",
                "/monitoring/structures/new/",
                f"/monitoring/structures/{structure.slug}/",
                f"/monitoring/structures/{structure.slug}/edit/",
                "/monitoring/deployments/new/",
                f"/monitoring/deployments/{deployment.pk}/",
                f"/monitoring/deployments/{deployment.pk}/edit/",
                f"/monitoring/deployments/{deployment.pk}/observe/",
                f"/monitoring/deployments/{deployment.pk}/csv/",
                f"/monitoring/deployments/{deployment.pk}/images/",
            ]
        ),
        *(
            ("demo-student", path)
            for path in [
                "/monitoring/mine/",
                f"/monitoring/deployments/{deployment.pk}/observe/",
            ]
        ),
        *(
            ("demo-bedrijf", path)
            for path in [
                "/biodiva/",
                f"/biodiva/companies/{company.pk}/sites/new/",
                f"/biodiva/sites/{site.pk}/",
                f"/biodiva/sites/{site.pk}/edit/",
                f"/biodiva/scans/{scan.pk}/",
                f"/en/biodiva/scans/{scan.pk}/",
                *([f"/biodiva/scans/{open_scan.pk}/step/1/"] if open_scan else []),
                f"/biodiva/companies/{company.pk}/advisors/",
                "/accounts/password_change/",
                "/accounts/password_change/done/",
            ]
        ),
        *(
            ("demo-adviseur", path)
            for path in [
                "/biodiva/advisor/",
                f"/biodiva/advisor/companies/{company.pk}/",
            ]
        ),
        *(
            ("demo-organiser", path)
            for path in [
                "/meetings/staff/",
                "/meetings/staff/new/",
                f"/meetings/staff/{meeting.pk}/",
                f"/meetings/staff/{meeting.pk}/registrations/",
                f"/meetings/staff/{meeting.pk}/report/",
                f"/meetings/staff/{meeting.pk}/outcomes/new/",
                f"/meetings/staff/outcomes/{outcome.pk}/",
            ]
        ),
        *(("demo-biodiva-staff", path) for path in BIODIVA_STAFF_PAGES),
        ("demo-bedrijf", "/advice/team/"),  # the 403 page
        *(
            ("demo-advies", path)
            for path in [
                "/advice/team/",
                "/advice/team/?status=new",
                f"/advice/team/{advice_request.pk}/",
                f"/advice/team/{answered.pk}/",
                "/advice/team/figures/",
                "/en/advice/team/",
            ]
        ),
    ]


# Pages a role may not see: they show the 403 page.
FORBIDDEN = {"demo-bedrijf": {"/advice/team/"}}
BIODIVA_STAFF_PAGES = ["/biodiva/overview/", "/biodiva/staff/advisor-requests/"]

# Pages shown right after a form was sent (the form leaves a mark in the session).
SESSION_BEFORE = {
    "/meetings/{pk}/registered/": {"meetings_last_status": "confirmed"},
    "/advice/received/": {"advice_submitted": True},
}


def session_for(path: str) -> dict:
    for pattern, data in SESSION_BEFORE.items():
        prefix, _, suffix = pattern.partition("{pk}")
        if path.startswith(prefix) and path.endswith(suffix):
            return data
    return {}


def log_in(page, base_url: str, role: str) -> None:
    """Log in through the login form, as a person would."""
    login, password = ROLES[role] if role in ROLES else (role, DEMO_PASSWORDS[role])
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"{role} could not log in"
