"""Who gets what: every URL pattern of the portal, requested by every role, with the status each role
must get. A URL pattern that is not in the matrix fails ``test_every_url_pattern_is_in_the_matrix``:
whoever adds a page or an API route says here who may use it.

Roles: ``anonymous``; ``resident`` (a plain account); ``company`` (member of company A, the BIODIVA
demo company) and ``other_company`` (member of company B); ``advisor`` (trained advisor of company A);
``biodiva_staff`` (group ``biodiva staff``); ``organiser`` (``is_staff`` and group ``organisers``,
like ``demo-organiser``: staff for meetings only); ``ecologist``; ``student`` (assigned to one
deployment); ``project_editor`` (``is_staff`` and group ``project editors``); ``superuser``.

Objects belong to company A, to an unpublished meeting report, to the monitoring team or to an advice
request, so each row shows who may and who may not reach them. Expected values are HTTP statuses, or
``LOGIN`` (a redirect to the login page) and ``ADMIN_LOGIN`` (a redirect to the admin's login page).
Writes are checked on objects of someone else (company A's site, a meeting's registration, an
observation, an advice request), each in a savepoint that is rolled back.

The data is made once for the module (in a transaction rolled back at the end), so the ~2,500
requests stay quick on SQLite and PostgreSQL.
"""

import io
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = (
    "anonymous",
    "resident",
    "company",
    "other_company",
    "advisor",
    "biodiva_staff",
    "organiser",
    "ecologist",
    "student",
    "project_editor",
    "superuser",
)
LOGIN = "login"
ADMIN_LOGIN = "admin-login"


def E(default, **by_role) -> dict:
    """The expected answer per role: ``default`` unless a role is named."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


def users_only(status, **by_role) -> dict:
    """Logged-in users get ``status`` (unless named); anonymous visitors go to the login page."""
    return E(status, anonymous=LOGIN, **by_role)


PUBLIC = E(200)
# Company A's data: its member, its advisor, BIODIVA staff and superusers; everybody else 404.
COMPANY_A = users_only(404, company=200, advisor=200, biodiva_staff=200, superuser=200)
# Pages of one role only (403 for the other users).
ORGANISERS = users_only(403, organiser=200, superuser=200)
ECOLOGISTS = users_only(403, ecologist=200, superuser=200)
BIODIVA_STAFF = users_only(403, biodiva_staff=200, superuser=200)
ADVISORS = users_only(403, advisor=200, superuser=200)
# API endpoints of one role: 403 for the other users; anonymous clients 401 (with WWW-Authenticate).
API_ORGANISERS = E(403, anonymous=401, organiser=200, superuser=200)
API_ECOLOGISTS = E(403, anonymous=401, ecologist=200, superuser=200)
API_TEAM = E(403, anonymous=401, ecologist=200, student=200, superuser=200)
API_COMPANY_A = E(404, anonymous=401, company=200, advisor=200, biodiva_staff=200, superuser=200)
API_USERS = E(200, anonymous=401)


@dataclass
class Get:
    url: str
    expect: dict


@dataclass
class Write:
    method: str
    url: str
    expect: dict
    data: dict = field(default_factory=dict)


# Every named URL pattern (``namespace:name``; API routes have no namespace). Patterns with a
# ``.json``-style format suffix share the view of the pattern without it and are not listed.
MATRIX: dict[str, list[Get]] = {
    # The portal ----------------------------------------------------------------------------------
    "health": [Get("/healthz", PUBLIC)],
    "ready": [Get("/readyz", PUBLIC)],
    "set_language": [Get("/i18n/setlang/", E(302))],
    "api-root": [Get("/api/v1/", PUBLIC)],
    "api-schema": [Get("/api/schema/", PUBLIC)],
    "api-docs": [Get("/api/docs/", PUBLIC)],
    "api-redoc": [Get("/api/redoc/", PUBLIC)],
    "accessibility": [Get("/accessibility/", PUBLIC)],
    "privacy": [Get("/privacy/", PUBLIC)],
    "login": [Get("/accounts/login/", PUBLIC)],
    "logout": [Get("/accounts/logout/", E(405))],
    "password_change": [Get("/accounts/password_change/", users_only(200))],
    "password_change_done": [Get("/accounts/password_change/done/", users_only(200))],
    "password_reset": [Get("/accounts/password_reset/", PUBLIC)],
    "password_reset_done": [Get("/accounts/password_reset/done/", PUBLIC)],
    "password_reset_confirm": [Get("/accounts/reset/MQ/set-password/", PUBLIC)],
    "password_reset_complete": [Get("/accounts/reset/done/", PUBLIC)],
    # Landscapes: public ----------------------------------------------------------------------------
    "home": [Get("/", PUBLIC)],
    "landscapes:region-list": [Get("/regions/", PUBLIC)],
    "landscapes:region-detail": [Get("/regions/{region}/", PUBLIC)],
    "landscapes:region-brochure": [Get("/regions/{region}/brochure.pdf", PUBLIC)],
    "landscapes:find-region": [Get("/find/?q=Boom", E(302))],
    "landscapes:species-list": [Get("/species/", PUBLIC)],
    "landscapes:species-detail": [Get("/species/{species}/", PUBLIC)],
    "landscapes:measure-list": [Get("/measures/", PUBLIC)],
    "landscapes:measure-detail": [Get("/measures/{measure}/", PUBLIC)],
    "regions-geojson": [Get("/api/v1/regions.geojson", PUBLIC)],
    "municipalities-geojson": [Get("/api/v1/municipalities.geojson", PUBLIC)],
    "region-list": [Get("/api/v1/regions/", PUBLIC)],
    "region-lookup": [Get("/api/v1/regions/lookup/?lat=51.15&lon=4.45", PUBLIC)],
    "region-detail": [Get("/api/v1/regions/{region}/", PUBLIC)],
    "species-list": [Get("/api/v1/species/", PUBLIC)],
    "species-detail": [Get("/api/v1/species/{species}/", PUBLIC)],
    "measure-list": [Get("/api/v1/measures/", PUBLIC)],
    "measure-detail": [Get("/api/v1/measures/{measure}/", PUBLIC)],
    "municipality-list": [Get("/api/v1/municipalities/", PUBLIC)],
    "municipality-find": [Get("/api/v1/municipalities/find/?q=Boom", PUBLIC)],
    "municipality-detail": [Get("/api/v1/municipalities/{nis}/", PUBLIC)],
    # Meetings: public pages, organisers' staff area -----------------------------------------------
    "meetings:meeting-list": [Get("/meetings/", PUBLIC)],
    "meetings:calendar-all": [Get("/meetings/calendar.ics", PUBLIC)],
    "meetings:privacy": [Get("/meetings/privacy/", PUBLIC)],
    "meetings:map-geojson": [Get("/meetings/map.geojson", PUBLIC)],
    "meetings:calendar-region": [Get("/meetings/region/{region}/calendar.ics", PUBLIC)],
    "meetings:meeting-detail": [
        Get("/meetings/{meeting}/", PUBLIC),
        Get("/meetings/{draft}/", E(404, organiser=200, superuser=200)),
    ],
    "meetings:document": [Get("/meetings/documents/{document}/", E(404, organiser=200, superuser=200))],
    "meetings:calendar-meeting": [Get("/meetings/{meeting}/calendar.ics", PUBLIC)],
    "meetings:registration-received": [Get("/meetings/{meeting}/registered/", E(302))],
    "meetings:registration-detail": [Get("/meetings/registration/{registration_token}/", PUBLIC)],
    # The personal link is the key: GET only asks to confirm (POST cancels, see the meetings tests).
    "meetings:registration-cancel": [Get("/meetings/registration/{registration_token}/cancel/", PUBLIC)],
    "meetings:registration-calendar": [
        Get("/meetings/registration/{registration_token}/calendar.ics", PUBLIC)
    ],
    "meetings:staff-meeting-list": [Get("/meetings/staff/", ORGANISERS)],
    "meetings:staff-meeting-create": [Get("/meetings/staff/new/", ORGANISERS)],
    "meetings:staff-meeting-edit": [Get("/meetings/staff/{meeting}/", ORGANISERS)],
    "meetings:staff-meeting-copy": [
        Get("/meetings/staff/{meeting}/copy/", users_only(403, organiser=405, superuser=405))
    ],
    "meetings:staff-meeting-publish": [
        Get("/meetings/staff/{meeting}/publish/", users_only(403, organiser=405, superuser=405))
    ],
    "meetings:staff-meeting-cancel": [Get("/meetings/staff/{meeting}/cancel/", ORGANISERS)],
    "meetings:staff-registrations": [Get("/meetings/staff/{meeting}/registrations/", ORGANISERS)],
    "meetings:staff-registrations-csv": [Get("/meetings/staff/{meeting}/registrations.csv", ORGANISERS)],
    "meetings:staff-checkin-pdf": [Get("/meetings/staff/{meeting}/check-in.pdf", ORGANISERS)],
    "meetings:staff-report": [Get("/meetings/staff/{meeting}/report/", ORGANISERS)],
    "meetings:staff-document-delete": [
        Get("/meetings/staff/documents/{document}/delete/", users_only(403, organiser=405, superuser=405))
    ],
    "meetings:staff-outcome-create": [Get("/meetings/staff/{meeting}/outcomes/new/", ORGANISERS)],
    "meetings:staff-outcome-edit": [Get("/meetings/staff/outcomes/{outcome}/", ORGANISERS)],
    "meeting-list": [Get("/api/v1/meetings/", PUBLIC)],
    "meeting-detail": [Get("/api/v1/meetings/{meeting}/", PUBLIC), Get("/api/v1/meetings/{draft}/", E(404))],
    "meeting-register": [Get("/api/v1/meetings/{meeting}/register/", E(405))],
    "meeting-outcome-list": [Get("/api/v1/meeting-outcomes/", PUBLIC)],
    "meeting-outcome-detail": [Get("/api/v1/meeting-outcomes/{outcome}/", PUBLIC)],
    "meeting-registration-list": [Get("/api/v1/meeting-registrations/", API_ORGANISERS)],
    "meeting-registration-detail": [Get("/api/v1/meeting-registrations/{registration}/", API_ORGANISERS)],
    # BIODIVA: companies see their own, advisors the companies they advise, BIODIVA staff all ------
    "biodiva:index": [Get("/biodiva/", PUBLIC)],
    "biodiva:signup": [Get("/biodiva/signup/", PUBLIC)],
    "biodiva:signup-sent": [Get("/biodiva/signup/sent/", PUBLIC)],
    "biodiva:signup-confirm": [Get("/biodiva/signup/confirm/not-a-token/", E(400))],
    "biodiva:site-create": [Get("/biodiva/companies/{company}/sites/new/", COMPANY_A)],
    "biodiva:site-detail": [Get("/biodiva/sites/{site}/", COMPANY_A)],
    "biodiva:site-edit": [Get("/biodiva/sites/{site}/edit/", COMPANY_A)],
    "biodiva:site-delete": [Get("/biodiva/sites/{site}/delete/", {**COMPANY_A, "advisor": 403})],
    "biodiva:scan-start": [Get("/biodiva/sites/{site}/scan/", users_only(405))],
    "biodiva:scan-step": [Get("/biodiva/scans/{open_scan}/step/1/", COMPANY_A)],
    "biodiva:scan-result": [Get("/biodiva/scans/{scan}/", COMPANY_A)],
    "biodiva:scan-report": [Get("/biodiva/scans/{scan}/report.pdf", COMPANY_A)],
    "biodiva:plan-add": [Get("/biodiva/scans/{scan}/plan/", users_only(405))],
    "biodiva:plan-item-update": [Get("/biodiva/plan/{plan_item}/", users_only(405))],
    "biodiva:plan-item-delete": [Get("/biodiva/plan/{plan_item}/delete/", users_only(405))],
    "biodiva:advisor-request": [Get("/biodiva/scans/{scan}/advisor-request/", users_only(405))],
    "biodiva:company-advisors": [
        Get(
            "/biodiva/companies/{company}/advisors/",
            {**COMPANY_A, "advisor": 403, "biodiva_staff": 403, "superuser": 403},
        )
    ],
    "biodiva:advisor-end": [Get("/biodiva/companies/{company}/advisors/{advisor}/end/", users_only(405))],
    "biodiva:advisor-overview": [Get("/biodiva/advisor/", ADVISORS)],
    "biodiva:advisor-company": [Get("/biodiva/advisor/companies/{company}/", {**ADVISORS, "superuser": 403})],
    "biodiva:staff-advisor-requests": [Get("/biodiva/staff/advisor-requests/", BIODIVA_STAFF)],
    "biodiva:staff-assign-advisor": [
        Get(
            "/biodiva/staff/advisor-requests/{advisor_request}/assign/",
            users_only(403, biodiva_staff=405, superuser=405),
        )
    ],
    "biodiva:overview": [Get("/biodiva/overview/", BIODIVA_STAFF)],
    "biodiva:overview-csv": [Get("/biodiva/overview.csv", BIODIVA_STAFF)],
    "biodiva-questionnaire-list": [Get("/api/v1/biodiva/questionnaires/", PUBLIC)],
    "biodiva-questionnaire-detail": [Get("/api/v1/biodiva/questionnaires/{version}/", PUBLIC)],
    "biodiva-site-list": [Get("/api/v1/biodiva/sites/", API_USERS)],
    "biodiva-site-detail": [Get("/api/v1/biodiva/sites/{site}/", API_COMPANY_A)],
    "biodiva-scan-list": [Get("/api/v1/biodiva/scans/", API_USERS)],
    "biodiva-scan-detail": [Get("/api/v1/biodiva/scans/{scan}/", API_COMPANY_A)],
    "biodiva-scan-answers": [Get("/api/v1/biodiva/scans/{scan}/answers/", API_COMPANY_A)],
    "biodiva-scan-complete": [Get("/api/v1/biodiva/scans/{open_scan}/complete/", E(405, anonymous=401))],
    "biodiva-scan-result": [Get("/api/v1/biodiva/scans/{scan}/result/", API_COMPANY_A)],
    "biodiva-action-plan-list": [Get("/api/v1/biodiva/action-plan/", API_USERS)],
    "biodiva-action-plan-detail": [Get("/api/v1/biodiva/action-plan/{plan_item}/", API_COMPANY_A)],
    # Monitoring: public figures; ecologists manage, students record at their deployments --------
    "monitoring:index": [Get("/monitoring/", PUBLIC)],
    "monitoring:compare": [Get("/monitoring/compare/", PUBLIC)],
    "monitoring:students": [Get("/monitoring/students/", PUBLIC)],
    "monitoring:map-geojson": [Get("/monitoring/map.geojson", PUBLIC)],
    "monitoring:taxa-json": [Get("/monitoring/taxa.json?q=vos", PUBLIC)],
    "monitoring:media-file": [
        Get("/monitoring/media/{media}/", E(404, ecologist=200, student=200, superuser=200))
    ],
    "monitoring:structure-create": [Get("/monitoring/structures/new/", ECOLOGISTS)],
    "monitoring:structure-detail": [Get("/monitoring/structures/{structure}/", PUBLIC)],
    "monitoring:structure-edit": [Get("/monitoring/structures/{structure}/edit/", ECOLOGISTS)],
    "monitoring:deployment-create": [Get("/monitoring/deployments/new/", ECOLOGISTS)],
    "monitoring:deployment-detail": [
        Get("/monitoring/deployments/{deployment}/", {**ECOLOGISTS, "student": 200}),
        Get("/monitoring/deployments/{unassigned_deployment}/", ECOLOGISTS),
    ],
    "monitoring:deployment-edit": [Get("/monitoring/deployments/{deployment}/edit/", ECOLOGISTS)],
    "monitoring:failure-add": [
        Get("/monitoring/deployments/{deployment}/failures/", users_only(403, ecologist=405, superuser=405))
    ],
    "monitoring:observation-create": [
        Get("/monitoring/deployments/{deployment}/observe/", {**ECOLOGISTS, "student": 200}),
        Get("/monitoring/deployments/{unassigned_deployment}/observe/", ECOLOGISTS),
    ],
    "monitoring:csv-upload": [
        Get("/monitoring/deployments/{deployment}/csv/", {**ECOLOGISTS, "student": 200})
    ],
    "monitoring:image-upload": [
        Get("/monitoring/deployments/{deployment}/images/", {**ECOLOGISTS, "student": 200})
    ],
    "monitoring:my-observations": [Get("/monitoring/mine/", users_only(200))],
    "monitoring:review": [Get("/monitoring/review/", ECOLOGISTS)],
    "monitoring:export": [Get("/monitoring/export/", ECOLOGISTS)],
    "monitoring-taxon-list": [Get("/api/v1/monitoring/taxa/", PUBLIC)],
    "monitoring-taxon-detail": [Get("/api/v1/monitoring/taxa/{taxon}/", PUBLIC)],
    "monitoring-structure-list": [Get("/api/v1/monitoring/structures/", PUBLIC)],
    "monitoring-structure-detail": [Get("/api/v1/monitoring/structures/{structure}/", PUBLIC)],
    "monitoring-deployment-list": [Get("/api/v1/monitoring/deployments/", PUBLIC)],
    "monitoring-deployment-detail": [Get("/api/v1/monitoring/deployments/{deployment}/", PUBLIC)],
    "monitoring-observation-list": [Get("/api/v1/monitoring/observations/", API_TEAM)],
    "monitoring-observation-detail": [
        Get(
            "/api/v1/monitoring/observations/{observation}/",
            E(403, anonymous=401, ecologist=200, student=200, superuser=200),
        ),
        Get(
            "/api/v1/monitoring/observations/{unassigned_observation}/",
            E(403, anonymous=401, ecologist=200, student=404, superuser=200),
        ),
    ],
    "monitoring-observation-review": [
        Get(
            "/api/v1/monitoring/observations/{observation}/review/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
    "monitoring-statistics-list": [Get("/api/v1/monitoring/statistics/", PUBLIC)],
    "monitoring-export-camtrap-dp": [Get("/api/v1/monitoring/exports/camtrap-dp/", API_ECOLOGISTS)],
    "monitoring-export-dwc-archive": [Get("/api/v1/monitoring/exports/dwc-archive/", API_ECOLOGISTS)],
    # Projects: public; editing is in the admin (group project editors) ----------------------------
    "projects:project-list": [Get("/projects/", PUBLIC)],
    "projects:two-b-connect": [Get("/projects/2b-connect/", PUBLIC)],
    "projects:goals": [Get("/projects/sdgs/", PUBLIC)],
    "projects:map-geojson": [Get("/projects/map.geojson", PUBLIC)],
    "projects:project-detail": [Get("/projects/{project}/", PUBLIC)],
    "project-list": [Get("/api/v1/projects/", PUBLIC)],
    "project-detail": [Get("/api/v1/projects/{project}/", PUBLIC)],
    # Advice: anyone asks; the requester follows by personal link; the ecologists team handles -----
    "advice:request": [Get("/advice/", PUBLIC)],
    "advice:received": [Get("/advice/received/", E(302))],
    "advice:privacy": [Get("/advice/privacy/", PUBLIC)],
    "advice:follow": [Get("/advice/request/{advice_token}/", PUBLIC)],
    "advice:follow-letter": [Get("/advice/request/{advice_token}/letter.pdf", PUBLIC)],
    "advice:follow-attachment": [Get("/advice/request/{advice_token}/files/{attachment}/", PUBLIC)],
    "advice:staff-queue": [Get("/advice/team/", ECOLOGISTS)],
    "advice:staff-figures": [Get("/advice/team/figures/", ECOLOGISTS)],
    "advice:staff-detail": [Get("/advice/team/{advice_request}/", ECOLOGISTS)],
    "advice:staff-letter": [Get("/advice/team/{advice_request}/letter.pdf", ECOLOGISTS)],
    "advice:staff-attachment": [Get("/advice/team/files/{attachment}/", ECOLOGISTS)],
    "advice-request-create": [Get("/api/v1/advice/requests/", E(405))],
    "advice-figures": [Get("/api/v1/advice/figures/", API_ECOLOGISTS)],
    "advice-queue-list": [Get("/api/v1/advice/queue/", API_ECOLOGISTS)],
    "advice-queue-detail": [Get("/api/v1/advice/queue/{advice_request}/", API_ECOLOGISTS)],
    "advice-queue-answer": [
        Get(
            "/api/v1/advice/queue/{advice_request}/answer/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
    "advice-queue-assign": [
        Get(
            "/api/v1/advice/queue/{advice_request}/assign/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
    "advice-queue-links": [
        Get(
            "/api/v1/advice/queue/{advice_request}/links/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
    "advice-queue-notes": [
        Get(
            "/api/v1/advice/queue/{advice_request}/notes/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
    "advice-queue-site-visit": [
        Get(
            "/api/v1/advice/queue/{advice_request}/site-visit/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
    "advice-queue-triage": [
        Get(
            "/api/v1/advice/queue/{advice_request}/triage/",
            E(403, anonymous=401, ecologist=405, superuser=405),
        )
    ],
}

# Writes on someone else's objects (company A's, a meeting's, the team's); each is rolled back.
WRITES: list[Write] = [
    Write("patch", "/api/v1/biodiva/sites/{site}/", {**API_COMPANY_A}, {"name": "Overgenomen"}),
    Write(
        "delete",
        "/api/v1/biodiva/sites/{site}/",
        {**API_COMPANY_A, "company": 204, "advisor": 403, "biodiva_staff": 204, "superuser": 204},
    ),
    Write(
        "post",
        "/api/v1/biodiva/scans/{open_scan}/answers/",
        API_COMPANY_A,
        {"question": "unpaved_pct", "value": 30},
    ),
    Write("patch", "/api/v1/biodiva/action-plan/{plan_item}/", API_COMPANY_A, {"done": True}),
    Write(
        "delete",
        "/api/v1/biodiva/action-plan/{plan_item}/",
        {**API_COMPANY_A, "company": 204, "advisor": 204, "biodiva_staff": 204, "superuser": 204},
    ),
    Write(
        "post",
        "/biodiva/plan/{plan_item}/delete/",
        {**COMPANY_A, "company": 302, "advisor": 302, "biodiva_staff": 302, "superuser": 302},
    ),
    Write(
        "post",
        "/biodiva/sites/{site}/delete/",
        {**COMPANY_A, "company": 302, "advisor": 403, "biodiva_staff": 302, "superuser": 302},
    ),
    Write("post", "/biodiva/overview.csv", BIODIVA_STAFF),
    # Unticking is allowed at any time; ticking opens shortly before the (future) meeting starts.
    Write("patch", "/api/v1/meeting-registrations/{registration}/", API_ORGANISERS, {"attended": False}),
    Write("post", "/meetings/staff/{draft}/publish/", users_only(403, organiser=302, superuser=302)),
    Write(
        "post",
        "/api/v1/monitoring/observations/{observation}/review/",
        API_ECOLOGISTS,
        {"review_status": "confirmed"},
    ),
    Write(
        "patch",
        "/api/v1/monitoring/structures/{structure}/",
        E(403, anonymous=401, ecologist=200, superuser=200),
        {"crosses_name": "N16"},
    ),
    Write(
        "post",
        "/api/v1/advice/queue/{advice_request}/notes/",
        API_ECOLOGISTS,
        {"text": "Intern."},
    ),
]


# The admin: staff with the model permissions of their group; other staff 403; others to the login.
ADMIN_PAGES = {
    "admin:index": E(ADMIN_LOGIN, biodiva_staff=200, organiser=200, project_editor=200, superuser=200),
    "admin:login": E(200, biodiva_staff=302, organiser=302, project_editor=302, superuser=302),
    "admin:logout": E(302, biodiva_staff=405, organiser=405, project_editor=405, superuser=405),
    "admin:password_change": E(
        ADMIN_LOGIN, biodiva_staff=200, organiser=200, project_editor=200, superuser=200
    ),
    "admin:password_change_done": E(
        ADMIN_LOGIN, biodiva_staff=200, organiser=200, project_editor=200, superuser=200
    ),
    "admin:jsi18n": E(ADMIN_LOGIN, biodiva_staff=200, organiser=200, project_editor=200, superuser=200),
    "admin:autocomplete": E(ADMIN_LOGIN, biodiva_staff=403, organiser=403, project_editor=403, superuser=403),
}
ADMIN_URLS = {
    "admin:index": "/admin/",
    "admin:login": "/admin/login/",
    "admin:logout": "/admin/logout/",
    "admin:password_change": "/admin/password_change/",
    "admin:password_change_done": "/admin/password_change/done/",
    "admin:jsi18n": "/admin/jsi18n/",
    "admin:autocomplete": "/admin/autocomplete/",
}
# Admin pages every registered model has; the changelist of each model is requested below.
ADMIN_MODEL_PAGES = ("changelist", "add", "change", "delete", "history")
# The same rules as the index (app list), as a model's pages (old change URL, a user's password) or
# a redirect (view on site, the catch-all).
ADMIN_OTHER = {
    "admin:app_list",
    "admin:view_on_site",
    "admin:<path:object_id>/",
    "admin:auth_user_password_change",
    "admin:(?P<url>.*)$",
}
# Whose group holds the model permissions of each app (plus superusers).
ADMIN_APPS = {
    "auth": set(),
    "axes": set(),  # lock-outs of django-axes: superusers
    "landscapes": set(),
    "meetings": {"organiser"},
    "biodiva": {"biodiva_staff"},
    "monitoring": set(),  # ecologists have the permissions but are not staff
    "advice": set(),
    "projects": {"project_editor"},
}
STAFF_ROLES = {"biodiva_staff", "organiser", "project_editor", "superuser"}


def _admin_changelist_expect(app_label: str) -> dict:
    allowed = ADMIN_APPS[app_label] | {"superuser"}
    return {role: 200 if role in allowed else 403 if role in STAFF_ROLES else ADMIN_LOGIN for role in ROLES}


# The data ------------------------------------------------------------------------------------------


def _pdf() -> bytes:
    from pypdf import PdfWriter

    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    return buffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def _build() -> dict:
    from advice.constants import ECOLOGISTS_GROUP
    from advice.models import AdviceRequest, Attachment
    from biodiva import demo as biodiva_demo
    from biodiva.models import ActionPlanItem, AdvisorRequest, Company, Scan
    from biodiva.services import request_advisor
    from meetings.constants import ORGANISERS_GROUP
    from meetings.models import Meeting, MeetingDocument
    from monitoring.constants import STUDENTS
    from monitoring.models import Media, Observation
    from projects.constants import EDITORS_GROUP
    from tests.advice.factories import AdviceRequestFactory
    from tests.biodiva.factories import CompanyFactory, SiteFactory
    from tests.factories import UserFactory
    from tests.landscapes.factories import MeasureFactory, RegionFactory, SpeciesFactory, square
    from tests.meetings.factories import MeetingFactory, OutcomeFactory, RegistrationFactory
    from tests.monitoring.factories import DeploymentFactory, ObservationFactory, StructureFactory, taxon
    from tests.projects.factories import ProjectFactory

    region = RegionFactory(
        slug="rupel-zenne-dijle", name_nl="Rupel", name_en="Rupel", boundary=square(4.2, 51.0, size=0.3)
    )
    municipality = region.municipalities.create(nis_code="11007", name="Boom")
    MeasureFactory(slug="hedgerow")
    measure = MeasureFactory(slug="pond")

    # BIODIVA: the demo company (company A) with its member, advisor, scans, plan and BIODIVA staff.
    biodiva_demo.load()
    company = Company.objects.get(members__username=biodiva_demo.COMPANY_USER)
    site = company.sites.get()
    scan = site.scans.get(status=Scan.Status.COMPLETED)
    open_scan = site.scans.get(status=Scan.Status.IN_PROGRESS)
    users = {
        "company": User.objects.get(username=biodiva_demo.COMPANY_USER),
        "advisor": User.objects.get(username=biodiva_demo.ADVISOR),
        "biodiva_staff": User.objects.get(username=biodiva_demo.STAFF_USER),
    }
    request_advisor(company=company, scan=scan, user=users["company"], message="Graag hulp.")
    other = UserFactory(username="other-company")
    SiteFactory(company=CompanyFactory(name="Bedrijf B", members=[other]), name="Site B")
    users["other_company"] = other

    # Meetings: a published meeting, a draft, a registration, an outcome, an unpublished report's file.
    users["organiser"] = UserFactory(username="demo-organiser", is_staff=True, groups=[ORGANISERS_GROUP])
    meeting = MeetingFactory(regions=[region])
    draft = MeetingFactory(regions=[region], status=Meeting.Status.DRAFT)
    registration = RegistrationFactory(meeting=meeting)
    outcome = OutcomeFactory(meeting=meeting, is_public=True)
    document = MeetingDocument(meeting=meeting, title="Verslag")
    document.file.save("verslag.pdf", ContentFile(_pdf()), save=False)
    document.save()

    # Monitoring: a deployment the student is assigned to, an observation still to check with a picture.
    users["ecologist"] = UserFactory(username="ecologist", groups=[ECOLOGISTS_GROUP])
    users["student"] = UserFactory(username="student", groups=[STUDENTS])
    structure = StructureFactory(slug="tunnel-boom")
    deployment = DeploymentFactory(structure=structure)
    deployment.assigned_students.add(users["student"])
    unassigned = DeploymentFactory(structure=structure)
    media = Media(deployment=deployment, timestamp=deployment.start, mediatype="image/png")
    media.file.save("vos.png", ContentFile(_png()), save=False)
    media.save()
    observation = ObservationFactory(
        deployment=deployment,
        media=media,
        review_status=Observation.Status.TO_CHECK,
        created_by=users["student"],
    )

    # Advice: an answered request with its letter and a photo.
    advice_request = AdviceRequestFactory(region=region, status=AdviceRequest.Status.ACCEPTED)
    advice_request.letter.save("letter.pdf", ContentFile(_pdf()), save=True)
    attachment = Attachment(request=advice_request, kind="photo", original_name="foto.png")
    attachment.file.save("foto.png", ContentFile(_png()), save=False)
    attachment.save()

    users["resident"] = UserFactory(username="resident")
    users["project_editor"] = UserFactory(username="editor", is_staff=True, groups=[EDITORS_GROUP])
    users["superuser"] = UserFactory(username="root", is_staff=True, is_superuser=True)
    project = ProjectFactory()
    ids = {
        "region": region.slug,
        "nis": municipality.nis_code,
        "species": SpeciesFactory().pk,
        "measure": measure.slug,
        "meeting": meeting.pk,
        "draft": draft.pk,
        "registration": registration.pk,
        "registration_token": registration.token,
        "outcome": outcome.pk,
        "document": document.pk,
        "company": company.pk,
        "site": site.pk,
        "scan": scan.pk,
        "open_scan": open_scan.pk,
        "plan_item": ActionPlanItem.objects.filter(site=site).first().pk,
        "advisor": users["advisor"].pk,
        "advisor_request": AdvisorRequest.objects.get(company=company).pk,
        "version": scan.version.number,
        "structure": structure.slug,
        "deployment": deployment.pk,
        "unassigned_deployment": unassigned.pk,
        "unassigned_observation": ObservationFactory(deployment=unassigned).pk,
        "observation": observation.pk,
        "media": media.pk,
        "taxon": taxon("Vulpes vulpes").pk,
        "project": project.slug,
        "advice_request": advice_request.pk,
        "advice_token": advice_request.token,
        "attachment": attachment.pk,
    }
    assert set(users) == set(ROLES) - {"anonymous"}
    return {"ids": ids, "users": users}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The objects and users of the matrix, made once; rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(world: dict, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _answer(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if "/accounts/login/" in location:
            return LOGIN
    return response.status_code


def _request(client: Client, method: str, url: str, data: dict | None = None):
    if method == "get":
        return client.get(url)
    if url.startswith("/api/"):
        return getattr(client, method)(url, data or {}, content_type="application/json")
    return client.post(url, data or {})


# The tests -----------------------------------------------------------------------------------------


def _walk(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            )
            yield from _walk(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern):
            if "format>" in str(pattern.pattern) or "drf_format_suffix" in str(pattern.pattern):
                continue
            name = pattern.name or str(pattern.pattern)
            yield f"{namespace}:{name}" if namespace else name


def _admin_model_names() -> set[str]:
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
        for model in admin.site._registry
        for page in ADMIN_MODEL_PAGES
    }


def test_every_url_pattern_is_in_the_matrix() -> None:
    """A new page or API route fails here until the matrix says who may use it."""
    listed = set(MATRIX) | set(ADMIN_PAGES) | ADMIN_OTHER | _admin_model_names()
    missing = sorted(name for name in set(_walk(get_resolver().url_patterns)) if name not in listed)
    assert missing == [], f"add these URL patterns to MATRIX in {__name__}: {missing}"
    assert {m._meta.app_label for m in admin.site._registry} <= set(ADMIN_APPS), "add the app to ADMIN_APPS"


def test_the_matrix_lists_no_pattern_that_is_gone() -> None:
    existing = set(_walk(get_resolver().url_patterns))
    assert sorted(set(MATRIX) - existing) == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_answer_on_every_url(world, role) -> None:
    client = _client(world, role)
    wrong = []
    for name, checks in MATRIX.items():
        for check in checks:
            url = check.url.format(**world["ids"])
            got = _answer(_request(client, "get", url))
            if got != check.expect[role]:
                wrong.append(f"GET {url} ({name}): {got}, expected {check.expect[role]}")
    for name, expect in ADMIN_PAGES.items():
        got = _answer(client.get(ADMIN_URLS[name]))
        if got != expect[role]:
            wrong.append(f"GET {ADMIN_URLS[name]} ({name}): {got}, expected {expect[role]}")
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        expect = _admin_changelist_expect(model._meta.app_label)[role]
        got = _answer(client.get(url))
        if got != expect:
            wrong.append(f"GET {url}: {got}, expected {expect}")
    assert not wrong, "\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_role_may_change_only_what_is_theirs(world, role) -> None:
    client = _client(world, role)
    wrong = []
    for write in WRITES:
        url = write.url.format(**world["ids"])
        with transaction.atomic():
            got = _answer(_request(client, write.method, url, write.data))
            transaction.set_rollback(True)
        if got != write.expect[role]:
            wrong.append(f"{write.method.upper()} {url}: {got}, expected {write.expect[role]}")
    assert not wrong, "\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_staff_of_another_app_reaches_nothing_of_biodiva(world) -> None:
    """``demo-organiser`` is staff for meetings only: BIODIVA's pages and API answer 404/403."""
    client = _client(world, "organiser")
    ids = world["ids"]
    for url in ("/biodiva/sites/{site}/", "/biodiva/scans/{scan}/", "/biodiva/scans/{scan}/report.pdf"):
        assert client.get(url.format(**ids)).status_code == 404
    for url in ("/biodiva/overview/", "/biodiva/staff/advisor-requests/"):
        assert client.get(url).status_code == 403
    response = client.patch(
        f"/api/v1/biodiva/sites/{ids['site']}/", {"name": "Overgenomen"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert client.get("/api/v1/biodiva/sites/").json()["results"] == []


@pytest.mark.django_db
def test_every_page_answers_head_as_it_answers_get(world) -> None:
    """HEAD (link checkers, monitors, ``curl -I``) gets the answer GET gets, on every URL pattern, as a
    role that may read it."""
    clients = {role: _client(world, role) for role in ROLES}
    wrong = []
    for name, checks in MATRIX.items():
        for check in checks:
            role = next((r for r in ROLES if check.expect[r] == 200), "anonymous")
            url = check.url.format(**world["ids"])
            got = _answer(clients[role].head(url))
            if got != check.expect[role]:
                wrong.append(f"HEAD {url} ({name}) as {role}: {got}, GET gives {check.expect[role]}")
    assert not wrong, "\n" + "\n".join(wrong)
