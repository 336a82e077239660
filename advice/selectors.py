"""Reads: the team members, the queue, a requester's own request and the figures."""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from landscapes.models import Measure, Municipality, Region
from landscapes.selectors import measures_with_region_first, municipality_by_name, municipality_regions
from monitoring.models import Structure
from monitoring.selectors import structures
from portal.i18n import current_language

from .constants import ECOLOGISTS_GROUP
from .models import AdviceRequest, HistoryEntry


def team_members() -> QuerySet:
    """The people a request can be assigned to."""
    return (
        get_user_model()
        .objects.filter(groups__name=ECOLOGISTS_GROUP, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def queue(
    *,
    status: str = "",
    topic: str = "",
    region: Region | None = None,
    assigned_to: User | None = None,
    open_only: bool = False,
) -> QuerySet[AdviceRequest]:
    """Requests for the team, newest first, with what the list shows."""
    requests = AdviceRequest.objects.select_related("region", "municipality", "assigned_to")
    if status:
        requests = requests.filter(status=status)
    if open_only:
        requests = requests.exclude(status__in=AdviceRequest.CLOSED)
    if topic:
        requests = requests.filter(topic=topic)
    if region is not None:
        requests = requests.filter(region=region)
    if assigned_to is not None:
        requests = requests.filter(assigned_to=assigned_to)
    return requests.order_by("-created_at", "-id")


def staff_request(*, pk: int) -> AdviceRequest:
    """One request with everything the team sees, notes and full history included."""
    return (
        AdviceRequest.objects.select_related("region", "municipality", "assigned_to", "structure")
        .prefetch_related(
            "attachments",
            "measures",
            Prefetch("history", queryset=HistoryEntry.objects.select_related("actor")),
            "notes__author",
        )
        .get(pk=pk)
    )


def request_by_token(*, token: str) -> AdviceRequest:
    """The requester's own request; an anonymised one is gone for them."""
    return (
        AdviceRequest.objects.select_related("region", "municipality", "structure")
        .prefetch_related("attachments", "measures")
        .get(token=token, anonymised_at__isnull=True)
    )


def public_history(*, advice_request: AdviceRequest) -> list[HistoryEntry]:
    """The steps the requester may see: no internal assignment, no names of the team."""
    return [e for e in advice_request.history.all() if e.action in HistoryEntry.PUBLIC]


def municipality_choices() -> list[str]:
    """The names of the municipalities that lie in a region, in alphabetical order."""
    return list(municipality_regions())


def find_municipality(*, name: str) -> Municipality | None:
    return municipality_by_name(name=name)


def measure_choices(*, region: Region | None) -> QuerySet[Measure]:
    """The measures an answer can point to: the region's landscape image first, else the catalogue."""
    return measures_with_region_first(region=region)


def structure_choices() -> QuerySet[Structure]:
    return structures()


def figures(*, since: date | None = None) -> dict:
    """Numbers of requests per region, topic and month (the team's overview; no personal data).

    Each list holds ``{"key", "label", "count"}`` rows, labels in the active language.
    """
    requests = AdviceRequest.objects.all()
    if since is not None:
        requests = requests.filter(created_at__date__gte=since)
    lang = current_language()
    per_region = [
        {
            "key": row["region__slug"],
            "label": (row["region__name_en"] if lang == "en" else row["region__name_nl"])
            or row["region__name_nl"]
            or _("outside the regions"),
            "count": row["count"],
        }
        for row in requests.values("region__slug", "region__name_nl", "region__name_en")
        .annotate(count=Count("id"))
        .order_by("-count", "region__name_nl")
    ]
    topics = dict(AdviceRequest.Topic.choices)
    per_topic = [
        {"key": row["topic"], "label": str(topics[row["topic"]]), "count": row["count"]}
        for row in requests.values("topic").annotate(count=Count("id")).order_by("-count", "topic")
    ]
    months = (
        requests.annotate(month=TruncMonth("created_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(count=Count("id"))
    )
    per_month = _every_month({(row["month"].year, row["month"].month): row["count"] for row in months})
    return {
        "total": requests.count(),
        "per_region": _with_shares(per_region),
        "per_topic": _with_shares(per_topic),
        "per_month": _with_shares(per_month),
    }


def _every_month(counts: dict[tuple[int, int], int]) -> list[dict]:
    """One row per month from the first to the last month with requests, empty months included."""
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    rows = []
    while (year, month) <= last:
        rows.append(
            {
                "key": f"{year}-{month:02d}",
                "label": date_format(date(year, month, 1), "YEAR_MONTH_FORMAT"),
                "count": counts.get((year, month), 0),
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows


def _with_shares(rows: list[dict]) -> list[dict]:
    """Each row's count as a percentage of the largest, for the bars."""
    largest = max((row["count"] for row in rows), default=0) or 1
    return [row | {"share": round(100 * row["count"] / largest)} for row in rows]
