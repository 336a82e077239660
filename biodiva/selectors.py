"""Reads: who may see what, a site's history and the staff's anonymous overview."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet

from landscapes.models import Region

from .constants import ADVISORS_GROUP
from .models import ActionPlanItem, Company, Scan, ScanResult, Site

User = AbstractBaseUser | AnonymousUser


def companies_for(*, user: User) -> QuerySet[Company]:
    """Staff see every company, members their own, advisors the companies they advise.

    Advising needs the trained-advisors group: whoever leaves it loses access to the companies
    they were linked to.
    """
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_staff:
        return Company.objects.all()
    advised = Q(advisors=user, advisors__groups__name=ADVISORS_GROUP)
    return Company.objects.filter(Q(members=user) | advised).distinct()


def has_company(*, user: User) -> bool:
    """Whether the user is a member or a linked advisor of a company (being staff does not count)."""
    if not user.is_authenticated:
        return False
    advised = Q(advisors=user, advisors__groups__name=ADVISORS_GROUP)
    return Company.objects.filter(Q(members=user) | advised).exists()


def sites_for(*, user: User) -> QuerySet[Site]:
    return Site.objects.filter(company__in=companies_for(user=user)).select_related("company", "region")


def scans_for(*, user: User) -> QuerySet[Scan]:
    return Scan.objects.filter(site__in=sites_for(user=user)).select_related(
        "site", "site__company", "site__region", "version"
    )


def plan_items_for(*, user: User) -> QuerySet[ActionPlanItem]:
    return ActionPlanItem.objects.filter(site__in=sites_for(user=user)).select_related("site", "measure")


def may_delete_site(*, user: User, site: Site) -> bool:
    """Deleting a site wipes its history: for the company's own members and staff, not its advisors."""
    if not user.is_authenticated:
        return False
    return user.is_staff or site.company.members.filter(pk=user.pk).exists()


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
