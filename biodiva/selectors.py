"""Reads: a site's history, the staff's anonymous overview and the advisors' figures (who may see
what is in ``permissions.py``)."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, When

from landscapes.models import Region
from portal.types import AnyUser

from .constants import ADVISORS_GROUP
from .models import ActionPlanItem, AdvisorNote, AdvisorRequest, Company, Scan, ScanResult, Site

User = AnyUser


def completed_scans(*, site: Site) -> list[Scan]:
    """The site's completed scans with their results, oldest first."""
    return list(
        site.scans.filter(status=Scan.Status.COMPLETED)
        .select_related("result", "version")
        .order_by("completed_at", "id")
    )


def previous_scan(*, scan: Scan) -> Scan | None:
    """The completed scan of the same site just before this one."""
    if scan.completed_at is None:
        return None
    return (
        Scan.objects.filter(
            site=scan.site_id, status=Scan.Status.COMPLETED, completed_at__lt=scan.completed_at
        )
        .select_related("result")
        .order_by("-completed_at")
        .first()
    )


@dataclass(frozen=True)
class ThemeChange:
    code: str
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


def changes_since(*, result: ScanResult, previous: ScanResult | None, lang: str) -> list[ThemeChange]:
    """Per theme (matched on code, so across versions), the score before and now."""
    before = {t["code"]: t["score"] for t in previous.theme_scores} if previous else {}
    return [
        ThemeChange(t["code"], t.get(f"name_{lang}") or t["name_nl"], before.get(t["code"]), t["score"])
        for t in result.theme_scores
    ]


def in_progress_scan(*, site: Site) -> Scan | None:
    return site.scans.filter(status=Scan.Status.IN_PROGRESS).order_by("-started_at").first()


@dataclass(frozen=True)
class Overview:
    regions: list[dict]
    themes: list[dict]
    measures: list[dict]


def staff_overview() -> Overview:
    """Anonymous figures: companies and completed scans per region, mean theme scores, popular measures."""
    regions = (
        Region.objects.annotate(
            companies=Count("biodiva_sites__company", distinct=True),
            scans=Count(
                "biodiva_sites__scans",
                filter=Q(biodiva_sites__scans__status=Scan.Status.COMPLETED),
                distinct=True,
            ),
        )
        .filter(companies__gt=0)
        .order_by("name_nl")
    )
    region_rows = [
        {
            "slug": r.slug,
            "name_nl": r.name_nl,
            "name_en": r.name_en,
            "companies": r.companies,
            "scans": r.scans,
        }
        for r in regions
    ]
    totals: dict[str, list[float]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for theme_scores in ScanResult.objects.values_list("theme_scores", flat=True):
        for t in theme_scores:
            if t.get("score") is not None:
                totals[t["code"]].append(t["score"])
                names.setdefault(t["code"], (t["name_nl"], t["name_en"]))
    theme_rows = [
        {
            "code": code,
            "name_nl": names[code][0],
            "name_en": names[code][1],
            "average": round(sum(values) / len(values), 1),
            "scans": len(values),
        }
        for code, values in totals.items()
    ]
    measures = (
        ActionPlanItem.objects.values("measure__slug", "measure__name_nl", "measure__name_en")
        .annotate(chosen=Count("id"), done=Count("id", filter=Q(done=True)))
        .order_by("-chosen", "measure__name_nl")[:20]
    )
    measure_rows = [
        {
            "slug": m["measure__slug"],
            "name_nl": m["measure__name_nl"],
            "name_en": m["measure__name_en"],
            "chosen": m["chosen"],
            "done": m["done"],
        }
        for m in measures
    ]
    return Overview(regions=region_rows, themes=theme_rows, measures=measure_rows)


# Advisors on request ------------------------------------------------------------------------------


def trained_advisors() -> QuerySet:
    """Active users of the trained-advisors group, the only ones staff may assign."""
    return (
        get_user_model()
        .objects.filter(groups__name=ADVISORS_GROUP, is_active=True)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def advisor_requests_for_staff() -> QuerySet[AdvisorRequest]:
    """Every request, the open ones first, with what the staff list shows."""
    return AdvisorRequest.objects.select_related(
        "company", "scan__result", "requested_by", "advisor"
    ).order_by(Case(When(status=AdvisorRequest.Status.OPEN, then=0), default=1), "-created_at", "-id")


def open_request(*, company: Company) -> AdvisorRequest | None:
    return company.advisor_requests.filter(status=AdvisorRequest.Status.OPEN).first()


def advisors_of(*, company: Company) -> list:
    """The trained advisors who advise the company (someone who left the group no longer does)."""
    return list(company.advisors.filter(groups__name=ADVISORS_GROUP).order_by("first_name", "username"))


@dataclass(frozen=True)
class AdvisedSite:
    site: Site
    scores: list[float]  # overall score of each completed scan, oldest first
    level: int | None

    @property
    def latest(self) -> float | None:
        return self.scores[-1] if self.scores else None

    @property
    def change(self) -> float | None:
        """The change of the overall score since the scan before the latest one."""
        return round(self.scores[-1] - self.scores[-2], 1) if len(self.scores) > 1 else None


@dataclass(frozen=True)
class AdvisedCompany:
    company: Company
    sites: list[AdvisedSite]
    plan_done: int
    plan_total: int


def advised_companies(*, advisor: AuthUser, company: Company | None = None) -> list[AdvisedCompany]:
    """The companies the advisor advises, each site with its ladder step and score trend, and the
    company's action-plan progress, in a fixed number of queries."""
    completed = (
        Scan.objects.filter(status=Scan.Status.COMPLETED)
        .select_related("result")
        .order_by("completed_at", "id")
    )
    sites = Site.objects.order_by("name").prefetch_related(
        Prefetch("scans", queryset=completed, to_attr="completed_scans"), "action_items"
    )
    companies = (
        Company.objects.filter(advisors=advisor, advisors__groups__name=ADVISORS_GROUP)
        .filter(pk=company.pk if company else F("pk"))
        .distinct()
        .order_by("name")
        .prefetch_related(Prefetch("sites", queryset=sites))
    )
    result = []
    for advised in companies:
        rows, done, total = [], 0, 0
        for site in advised.sites.all():
            completed_scans = getattr(site, "completed_scans", [])  # the prefetch above
            scores = [s.result.overall for s in completed_scans if hasattr(s, "result")]
            level = completed_scans[-1].result.level if scores else None
            rows.append(AdvisedSite(site=site, scores=scores, level=level))
            items = list(site.action_items.all())
            done += sum(1 for i in items if i.done)
            total += len(items)
        result.append(AdvisedCompany(company=advised, sites=rows, plan_done=done, plan_total=total))
    return result


def advisor_notes(*, company: Company, author: AuthUser) -> QuerySet[AdvisorNote]:
    """The advisor's own notes about the company: nobody else, not the company, reads them."""
    return AdvisorNote.objects.filter(company=company, author=author).order_by("-created_at", "-id")
