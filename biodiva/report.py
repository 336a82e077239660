"""What a completed scan's result page and PDF report show, gathered once for both."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from portal import pdf
from portal.i18n import current_language

from . import charts, scoring
from .models import ActionPlanItem, Scan
from .opportunities import Opportunity, opportunities
from .selectors import ThemeChange, changes_since, completed_scans, previous_scan
from .services import answers_by_code


@dataclass
class Report:
    scan: Scan
    overall: float
    level: int
    ladder: list[scoring.LadderStep]
    next_step: scoring.NextStep
    themes: list[ThemeChange]
    previous: Scan | None
    opportunities: list[Opportunity]
    plan: list[ActionPlanItem]
    done_since_previous: list[ActionPlanItem]
    chart: SafeString
    chart_narrow: SafeString
    history_chart: SafeString
    history_chart_narrow: SafeString
    history: list[Scan]
    region_map: SafeString
    lang: str

    @property
    def overall_delta(self) -> float | None:
        if self.previous is None:
            return None
        return round(self.overall - self.previous.result.overall, 1)

    @property
    def planned_measure_ids(self) -> set[int]:
        return {item.measure_id for item in self.plan}


def _theme_scores(rows: list[dict]) -> list[scoring.ThemeScore]:
    return [
        scoring.ThemeScore(r["code"], r["name_nl"], r["name_en"], r["weight"], r["score"], 0, 0) for r in rows
    ]


def build_report(*, scan: Scan) -> Report:
    """Everything about a completed scan: scores, ladder, changes, opportunities, plan and history."""
    lang = current_language()
    result = scan.result
    previous = previous_scan(scan=scan)
    themes = changes_since(result=result, previous=previous.result if previous else None, lang=lang)
    stored = _theme_scores(result.theme_scores)
    site = scan.site
    plan = list(site.action_items.select_related("measure").order_by("done", "target_date", "id"))
    # A scan without its completion time (made by hand in the admin) counts everything done up to now.
    until = scan.completed_at
    since = previous.completed_at if previous else None
    done_since = [
        i
        for i in plan
        if i.done
        and i.done_at
        and (until is None or i.done_at <= until)
        and (since is None or i.done_at > since)
    ]
    history = completed_scans(site=site)
    history_points = [
        (date_format(s.completed_at, "SHORT_DATE_FORMAT") if s.completed_at else "", s.result.overall)
        for s in history
    ]
    bars = [charts.Bar(t.name, t.after, t.before) for t in themes]
    region = site.region
    return Report(
        scan=scan,
        overall=result.overall,
        level=result.level,
        ladder=scoring.ladder(),
        next_step=scoring.next_step(overall=result.overall, themes=stored),
        themes=themes,
        previous=previous,
        opportunities=opportunities(site=site, answers=answers_by_code(scan=scan)),
        plan=plan,
        done_since_previous=done_since,
        chart=charts.theme_bars(bars),
        chart_narrow=charts.theme_bars(bars, width=360, stacked=True),
        history_chart=charts.history(history_points),
        history_chart_narrow=charts.history(history_points, narrow=True),
        history=history,
        region_map=charts.region_map(
            region.boundary if region else None,
            point=(site.longitude, site.latitude),
            label=region.name if region else "",
        ),
        lang=lang,
    )


def render_pdf(*, report: Report, request: HttpRequest | None = None) -> bytes:
    """The report as a tagged PDF (A4) in the language the report was built in."""
    with translation.override(report.lang):
        html = render_to_string("biodiva/report_pdf.html", {"report": report}, request=request)
        title = f"{gettext('BIODIVA report')} · {report.scan.site.name}"
    base_url = request.build_absolute_uri("/") if request else None
    return pdf.render_pdf(html, language=report.lang, title=title, base_url=base_url)
