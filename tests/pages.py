"""Every page type of the portal, per role, with the demo content loaded (for the browser tests of the
look, the Content-Security-Policy and the screenshots)."""

from django.core.management import call_command

ROLES = {
    "ecologist": ("demo-ecologist@example.org", "demo-monitoring-2025"),
    "company": ("demo-bedrijf@example.org", "biodiva-demo-2026"),
    "organiser": ("demo-organiser", "demo-organiser-2026"),
}


def load_demo() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def page_types() -> dict[str | None, list[str]]:
    """The paths of one page of every type, per role (``None``: anonymous visitors)."""
    from biodiva.models import Scan, Site
    from landscapes.models import Measure, Region, Species
    from meetings.models import Meeting, Registration
    from monitoring.models import Deployment, Structure

    region = Region.objects.order_by("slug").first()
    species = Species.objects.order_by("pk").first()
    measure = Measure.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("starts_at").last()
    registration = Registration.objects.exclude(token="").order_by("pk").first()
    structure = Structure.objects.order_by("slug").first()
    deployment = Deployment.objects.order_by("pk").first()
    site = Site.objects.order_by("pk").first()
    scan = Scan.objects.filter(status=Scan.Status.COMPLETED).order_by("pk").first()
    anonymous = [
        "/",
        f"/regions/{region.slug}/",
        f"/species/{species.pk}/",
        "/measures/",
        f"/measures/{measure.slug}/",
        "/meetings/",
        meeting.get_absolute_url(),
        "/meetings/privacy/",
        "/biodiva/",
        "/biodiva/signup/",
        "/monitoring/",
        f"/monitoring/structures/{structure.slug}/",
        "/monitoring/compare/",
        "/advice/",
        "/advice/privacy/",
        "/accounts/login/",
        "/accounts/password_reset/",
        "/accessibility/",
        "/privacy/",
        "/this-page-does-not-exist/",
    ]
    if registration:
        anonymous.append(f"/meetings/registration/{registration.token}/")
        anonymous.append(f"/meetings/registration/{registration.token}/cancel/")
    return {
        None: anonymous,
        "ecologist": [
            "/monitoring/review/",
            f"/monitoring/deployments/{deployment.pk}/",
            f"/monitoring/deployments/{deployment.pk}/observe/",
            f"/monitoring/deployments/{deployment.pk}/csv/",
            "/monitoring/mine/",
            "/monitoring/export/",
            f"/monitoring/structures/{structure.slug}/edit/",
            "/advice/team/",
            "/advice/team/figures/",
        ],
        "company": [
            "/biodiva/",
            f"/biodiva/sites/{site.pk}/",
            f"/biodiva/sites/{site.pk}/edit/",
            f"/biodiva/scans/{scan.pk}/",
            "/accounts/password_change/",
        ],
        "organiser": [
            "/meetings/staff/",
            f"/meetings/staff/{meeting.pk}/",
            "/meetings/staff/new/",
            f"/meetings/staff/{meeting.pk}/registrations/",
            f"/meetings/staff/{meeting.pk}/report/",
        ],
    }


def log_in(page, base_url: str, role: str) -> None:
    """Log in through the login form, as a person would."""
    login, password = ROLES[role]
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{role} could not log in"
