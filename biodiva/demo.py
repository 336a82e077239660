"""Demo content: the questionnaire, a company with a site in Boom, its advisor, two scans and a
BIODIVA staff member of the province.

Safe to run again: users, company and site are matched by name, and scans are only added when missing.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from landscapes.models import Measure

from .constants import ADVISORS_GROUP, COMPANY_USERS_GROUP, STAFF_GROUP
from .models import Company, Question, Scan, Site
from .questionnaire import import_questionnaire_file, themes_of
from .services import add_to_plan, complete_scan, save_answers, save_site, start_scan, update_plan_item

QUESTIONNAIRE = Path(settings.BASE_DIR) / "fixtures" / "biodiva" / "questionnaire_v1.json"
PASSWORD = "biodiva-demo-2026"
COMPANY_USER, ADVISOR = "demo-bedrijf", "demo-adviseur"
# The province's BIODIVA staff: every company, the overview, advisor requests and the BIODIVA admin.
STAFF_USER = "demo-biodiva-staff"

# A brickworks-turned-logistics site on the Rupel: some green, a fence, lit all night.
LAST_YEAR = {
    "unpaved_pct": 18,
    "unpaving_done": "no",
    "dead_wood": "no",
    "native_planting": "mixed",
    "has_grass": "yes",
    "grass_management": "lawn",
    "pesticides": "spot",
    "invasive_species": "uncontrolled",
    "has_pond": "no",
    "room_for_pond": "yes",
    "rainwater_infiltration": "sewer",
    "rainwater_reuse": "yes",
    "has_flat_roof": "yes",
    "green_roof_pct": 0,
    "green_facade": "no",
    "nest_places": ["none"],
    "bird_safe_glass": "no_large_glass",
    "night_lighting": "all_night",
    "boundary_type": ["closed_fence", "open_fence"],
    "fence_length_m": 420,
    "fence_permeable": "no",
    "nearby_nature": ["water", "park"],
    "green_link": "no",
    "procurement_criteria": "some",
    "supplier_dialogue": "no",
    "landscaping_contract": "no",
    "impact_assessed": "no",
    "emissions_limited": ["water_discharge", "waste"],
    "product_design": "no",
    "sustainable_commute_pct": 25,
    "parking_surface": "sealed",
    "in_ems": "informal",
    "targets": "no",
    "responsible_person": "yes",
    "employee_involvement": "occasional",
    "partners": ["municipality"],
    "public_communication": "no",
    "remarks": "Langs de Rupel zagen we oeverzwaluwen en een ijsvogel.",
}
# This year's scan, half finished: the first four themes, with a hedge planted and less mowing.
THIS_YEAR_STEPS = 4
THIS_YEAR = LAST_YEAR | {
    "unpaved_pct": 22,
    "dead_wood": "yes",
    "grass_management": "phased",
    "pesticides": "none",
    "invasive_species": "controlled",
    "nest_places": ["swift", "sparrow"],
}


def _user(username: str, group: str, **extra):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", **extra}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _answer(scan: Scan, answers: dict, steps: int | None = None) -> None:
    themes = themes_of(version=scan.version)[:steps] if steps else themes_of(version=scan.version)
    wanted = {q.code: q for t in themes for q in t.questions.all()}
    values = {wanted[code]: value for code, value in answers.items() if code in wanted}
    save_answers(scan=scan, values=values, next_step=(steps + 1) if steps else len(themes))


def load(*, stdout=None) -> None:
    with transaction.atomic():
        version = import_questionnaire_file(path=QUESTIONNAIRE)
        member = _user(COMPANY_USER, COMPANY_USERS_GROUP, first_name="Els", last_name="Demo")
        advisor = _user(ADVISOR, ADVISORS_GROUP, first_name="Pieter", last_name="Adviseur")
        _user(STAFF_USER, STAFF_GROUP, first_name="Lien", last_name="Provincie", is_staff=True)
        company, _ = Company.objects.get_or_create(name="Rupelklei Logistiek (demo)")
        company.members.add(member)
        company.advisors.add(advisor)
        site = Site.objects.filter(company=company, name="Werf Boom").first() or Site(
            company=company, name="Werf Boom"
        )
        site.address = "Noeveren 100, 2850 Boom"
        site.latitude, site.longitude = 51.0875, 4.3665
        site.surface_m2 = 24000
        site.sector, site.activity = Site.Sector.LOGISTICS, Site.Activity.WAREHOUSE
        save_site(site=site)
        if not site.scans.filter(status=Scan.Status.COMPLETED).exists():
            scan = start_scan(site=site, user=advisor)
            _answer(scan, LAST_YEAR)
            complete_scan(scan=scan)
            year_ago = timezone.now() - datetime.timedelta(days=365)
            Scan.objects.filter(pk=scan.pk).update(
                started_at=year_ago - datetime.timedelta(days=9), completed_at=year_ago
            )
            _plan(site, scan, year_ago)
        if not site.scans.filter(status=Scan.Status.IN_PROGRESS).exists():
            _answer(start_scan(site=site, user=member), THIS_YEAR, THIS_YEAR_STEPS)
    if stdout:
        questions = Question.objects.filter(theme__version=version).count()
        stdout.write(
            f"biodiva: questionnaire v{version.number} ({questions} questions); "
            f"users {COMPANY_USER}, {ADVISOR} and {STAFF_USER}, password {PASSWORD}"
        )


def _plan(site: Site, scan: Scan, since: datetime.datetime) -> None:
    """Two measures in the plan if the catalogue has them: a hedgerow (done) and a pond (open)."""
    measures = {m.slug: m for m in Measure.objects.filter(slug__in=["hedgerow", "pond"])}
    if "hedgerow" in measures:
        item = add_to_plan(site=site, measure=measures["hedgerow"], scan=scan, owner="Els Demo")
        update_plan_item(
            item=item, owner="Els Demo", target_date=since.date() + datetime.timedelta(days=150), done=True
        )
    if "pond" in measures:
        add_to_plan(
            site=site,
            measure=measures["pond"],
            scan=scan,
            owner="Technische dienst",
            target_date=timezone.now().date() + datetime.timedelta(days=120),
        )
