"""Pages of the company scan. Every object is looked up through the visibility selectors, so a
company, advisor or anonymous visitor asking for someone else's data gets a 404."""

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from landscapes.models import Measure
from portal.errors import add_service_errors
from portal.ratelimit import SignupThrottle, over_limit
from portal.types import AuthenticatedHttpRequest

from . import services
from .advisor_views import advisor_box
from .forms import ConfirmSignupForm, PlanAddForm, PlanItemForm, SignupForm, SiteForm, StepForm
from .models import Scan, Site
from .opportunities import regional_measures_for_theme
from .permissions import companies_for, may_delete_site, plan_items_for, roles, scans_for, sites_for
from .questionnaire import current_version, themes_of
from .report import build_report, render_pdf
from .selectors import in_progress_scan


def index(request: HttpRequest) -> HttpResponse:
    """Introduction for visitors; for users, their companies with sites, scans and results."""
    if not request.user.is_authenticated:
        return render(request, "biodiva/intro.html", {"version": current_version()})
    scans = Scan.objects.select_related("result", "version").order_by("-started_at")
    sites = Site.objects.select_related("region").prefetch_related(Prefetch("scans", queryset=scans))
    companies = list(
        companies_for(user=request.user).prefetch_related(Prefetch("sites", queryset=sites), "members")
    )
    for company in companies:
        for site in company.sites.all():
            site_scans = site.scans.all()
            # Read by the template only.
            site.latest_completed = next(  # type: ignore[attr-defined]
                (s for s in site_scans if s.status == Scan.Status.COMPLETED), None
            )
            site.open_scan = next(  # type: ignore[attr-defined]
                (s for s in site_scans if s.status == Scan.Status.IN_PROGRESS), None
            )
    for company in companies:
        company.is_member = any(  # type: ignore[attr-defined]
            m.pk == request.user.pk for m in company.members.all()
        )
    return render(request, "biodiva/dashboard.html", {"companies": companies, "roles": roles(request.user)})


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if over_limit(SignupThrottle, request):
            form.add_error(None, _("Too many sign-ups from your address. Try again in an hour."))
            return render(request, "biodiva/signup.html", {"form": form}, status=429)
        services.register_company(
            company_name=form.cleaned_data["company_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        return redirect("biodiva:signup-sent")
    return render(request, "biodiva/signup.html", {"form": form})


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "biodiva/signup_sent.html")


def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: the person confirms with the password chosen at sign-up."""
    try:
        services.signup_user(token=token)
    except ValidationError as exc:
        if exc.code == "used":
            messages.info(request, exc.messages[0])
            return redirect(settings.LOGIN_URL)
        return render(request, "biodiva/signup_invalid.html", {"error": exc.messages[0]}, status=400)
    form = ConfirmSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.confirm_signup(token=token, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is active. Add your first company site."))
            return redirect("biodiva:index")
    return render(request, "biodiva/signup_confirm.html", {"form": form})


def _site_form_page(request: HttpRequest, form: SiteForm, site: Site | None, company) -> HttpResponse:
    return render(request, "biodiva/site_form.html", {"form": form, "site": site, "company": company})


@login_required
def site_create(request: AuthenticatedHttpRequest, company_pk: int) -> HttpResponse:
    company = get_object_or_404(companies_for(user=request.user), pk=company_pk)
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site = form.save(commit=False)
        site.company = company
        try:
            site, created = services.add_site(site=site, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if created:
                messages.success(request, _("The site was added."))
            else:
                messages.info(request, _("You had added this site a moment ago already; here it is."))
            return redirect(site)
    return _site_form_page(request, form, None, company)


@login_required
def site_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(sites_for(user=request.user), pk=pk)
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_site(site=form.save(commit=False))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The site was saved."))
            return redirect(site)
    return _site_form_page(request, form, site, site.company)


@login_required
def site_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(sites_for(user=request.user), pk=pk)
    if not may_delete_site(user=request.user, site=site):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_site(site=site)
        messages.success(request, _("The site and its scans were deleted."))
        return redirect("biodiva:index")
    return render(request, "biodiva/site_confirm_delete.html", {"site": site})


@login_required
def site_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(sites_for(user=request.user), pk=pk)
    scans = site.scans.select_related("result", "version").order_by("-started_at")
    latest = next((s for s in scans if s.status == Scan.Status.COMPLETED), None)
    report = build_report(scan=latest) if latest else None
    items = site.action_items.select_related("measure")
    plan = [(item, PlanItemForm(instance=item, prefix=f"item{item.pk}")) for item in items]
    return render(
        request,
        "biodiva/site_detail.html",
        {
            "site": site,
            "scans": scans,
            "report": report,
            "plan": plan,
            "in_progress": in_progress_scan(site=site),
            "may_delete": may_delete_site(user=request.user, site=site),
        },
    )


@login_required
@require_POST
def scan_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(sites_for(user=request.user), pk=pk)
    try:
        scan = services.start_scan(site=site, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(site)
    return redirect(scan)


@login_required
def scan_step(request: AuthenticatedHttpRequest, pk: int, step: int) -> HttpResponse:
    scan = get_object_or_404(scans_for(user=request.user), pk=pk)
    if scan.status == Scan.Status.COMPLETED:
        return redirect(scan)
    themes = themes_of(version=scan.version)
    if not 1 <= step <= len(themes):
        raise Http404
    theme = themes[step - 1]
    answers = services.answers_by_code(scan=scan)
    action = request.POST.get("action", "next")
    if request.method == "POST":
        form = StepForm(request.POST, theme=theme, answers=answers, draft=action in ("back", "stop"))
        if form.is_valid():
            return _after_step(request, scan, form, step, len(themes), action)
        messages.error(request, _("Some answers need your attention; they are marked below."))
    else:
        form = StepForm(theme=theme, answers=answers)
    return render(
        request,
        "biodiva/scan_step.html",
        {
            "scan": scan,
            "theme": theme,
            "themes": themes,
            "form": form,
            "step": step,
            "total": len(themes),
            "percent": round(100 * (step - 1) / len(themes)),
            "is_last": step == len(themes),
            "regional_measures": regional_measures_for_theme(site=scan.site, theme_code=theme.code),
        },
    )


def _after_step(request: HttpRequest, scan: Scan, form: StepForm, step: int, total: int, action: str):
    if action == "back":
        target = max(1, step - 1)
    elif action == "next":
        target = min(total, step + 1)
    else:
        target = step
    services.save_answers(scan=scan, values=form.values, next_step=target)
    if action == "stop":
        messages.success(request, _("Your answers are saved. You can continue the scan later from here."))
        return redirect(scan.site)
    if action == "next" and step == total:
        try:
            services.complete_scan(scan=scan)
        except ValidationError as exc:
            if exc.code == "completed":  # a double click: the other request completed it
                return redirect("biodiva:scan-result", pk=scan.pk)
            messages.error(request, exc.messages[0])
            return redirect("biodiva:scan-step", pk=scan.pk, step=cast(dict, exc.params)["step"])
        messages.success(request, _("The scan is complete. Here is your result."))
        return redirect("biodiva:scan-result", pk=scan.pk)
    return redirect("biodiva:scan-step", pk=scan.pk, step=target)


def _completed_scan(request: HttpRequest, pk: int) -> Scan:
    return get_object_or_404(
        scans_for(user=request.user).select_related("result"), pk=pk, status=Scan.Status.COMPLETED
    )


@login_required
def scan_result(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    scan = get_object_or_404(scans_for(user=request.user), pk=pk)
    if scan.status != Scan.Status.COMPLETED:
        return redirect(scan)
    report = build_report(scan=_completed_scan(request, pk))
    return render(
        request,
        "biodiva/scan_result.html",
        {"report": report, "scan": report.scan, "advice": advisor_box(user=request.user, scan=report.scan)},
    )


@login_required
def scan_report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    scan = _completed_scan(request, pk)
    pdf = render_pdf(report=build_report(scan=scan), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"biodiva-{scan.site.pk}-{scan.completed_at:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def plan_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    scan = _completed_scan(request, pk)
    form = PlanAddForm(request.POST)
    if form.is_valid():
        measure = Measure.objects.filter(slug=form.cleaned_data["measure"]).first()
        if measure is None:
            raise Http404
        services.add_to_plan(
            site=scan.site,
            measure=measure,
            scan=scan,
            owner=form.cleaned_data["owner"],
            target_date=form.cleaned_data["target_date"],
        )
        messages.success(request, _("“%(measure)s” is in your action plan.") % {"measure": measure.name})
    else:
        messages.error(request, _("The action could not be added: check the target date."))
    return redirect(reverse("biodiva:scan-result", args=[scan.pk]) + "#opportunities")


@login_required
@require_POST
def plan_item_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(plan_items_for(user=request.user), pk=pk)
    form = PlanItemForm(request.POST, instance=item, prefix=f"item{item.pk}")
    if form.is_valid():
        services.update_plan_item(
            item=item,
            owner=form.cleaned_data["owner"],
            target_date=form.cleaned_data["target_date"],
            done=form.cleaned_data["done"],
        )
        messages.success(request, _("The action plan was updated."))
    else:
        messages.error(request, _("The action was not saved: check the target date."))
    return redirect(reverse("biodiva:site-detail", args=[item.site_id]) + "#plan")


@login_required
@require_POST
def plan_item_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(plan_items_for(user=request.user), pk=pk)
    services.remove_from_plan(item=item)
    messages.success(request, _("The action was removed from the plan."))
    return redirect(reverse("biodiva:site-detail", args=[item.site_id]) + "#plan")
