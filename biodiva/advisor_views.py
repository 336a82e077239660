"""Advisors on request: a company asks from its scan result, BIODIVA staff assign a trained advisor,
the advisor follows the companies they advise and keeps private notes, the company can end it.

Every object is looked up through the visibility selectors first (someone else's data is a 404);
then the role decides (a 403 for a company's advisor trying what only its members may do).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.types import AuthenticatedHttpRequest

from . import permissions, selectors, services
from .forms import AdvisorNoteForm, AdvisorRequestForm, AssignAdvisorForm
from .models import AdvisorRequest, Company, Scan


def advisor_box(*, user, scan: Scan) -> dict | None:
    """What the result page shows a company member about advisors (nothing to anyone else)."""
    company = scan.site.company
    if not permissions.is_member(user=user, company=company):
        return None
    return {
        "advisors": selectors.advisors_of(company=company),
        "open_request": selectors.open_request(company=company),
        "form": AdvisorRequestForm(),
    }


def _member_company(request: AuthenticatedHttpRequest, pk: int) -> Company:
    """A company the user is a member of (404 if they cannot see it, 403 if they only advise it)."""
    company = get_object_or_404(permissions.companies_for(user=request.user), pk=pk)
    if not permissions.is_member(user=request.user, company=company):
        raise PermissionDenied
    return company


# The company ----------------------------------------------------------------------------------------


@login_required
@require_POST
def request_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """From a completed scan's result page: ask the province for a trained advisor."""
    scan = get_object_or_404(permissions.scans_for(user=request.user), pk=pk, status=Scan.Status.COMPLETED)
    company = _member_company(request, scan.site.company.pk)
    form = AdvisorRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["message"][0]))
        return redirect(reverse("biodiva:scan-result", args=[scan.pk]) + "#advisor")
    try:
        services.request_advisor(
            company=company, scan=scan, user=request.user, message=form.cleaned_data["message"]
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("Your request was sent. The province will find a trained advisor for you.")
        )
    return redirect("biodiva:company-advisors", pk=company.pk)


@login_required
def company_advisors(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who advises the company, the request waiting for an advisor, and a button to end it."""
    company = _member_company(request, pk)
    return render(
        request,
        "biodiva/company_advisors.html",
        {
            "company": company,
            "advisors": selectors.advisors_of(company=company),
            "open_request": selectors.open_request(company=company),
        },
    )


@login_required
@require_POST
def advisor_end(request: AuthenticatedHttpRequest, pk: int, user_pk: int) -> HttpResponse:
    company = _member_company(request, pk)
    advisor = next((a for a in company.advisors.all() if a.pk == user_pk), None)
    if advisor is None:
        messages.error(request, _("This person does not advise your company."))
    else:
        services.end_advising(company=company, advisor=advisor)
        messages.success(
            request,
            _("%(name)s no longer advises your company.") % {"name": advisor.get_full_name() or advisor},
        )
    return redirect("biodiva:company-advisors", pk=company.pk)


# BIODIVA staff --------------------------------------------------------------------------------------


@permissions.staff_required
def staff_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    advisors = selectors.trained_advisors()
    rows = [
        (r, AssignAdvisorForm(advisors=advisors, prefix=f"r{r.pk}") if r.status == r.Status.OPEN else None)
        for r in selectors.advisor_requests_for_staff()
    ]
    return render(
        request, "biodiva/staff_advisor_requests.html", {"rows": rows, "has_advisors": advisors.exists()}
    )


@permissions.staff_required
@require_POST
def staff_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    advisor_request = get_object_or_404(AdvisorRequest, pk=pk)
    form = AssignAdvisorForm(request.POST, advisors=selectors.trained_advisors(), prefix=f"r{pk}")
    if not form.is_valid():
        messages.error(request, _("Pick one of the trained advisors."))
        return redirect("biodiva:staff-advisor-requests")
    try:
        services.assign_advisor(
            advisor_request=advisor_request, advisor=form.cleaned_data["advisor"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        advisor = form.cleaned_data["advisor"]
        messages.success(
            request,
            _("%(advisor)s now advises %(company)s.")
            % {"advisor": advisor.get_full_name() or advisor, "company": advisor_request.company.name},
        )
    return redirect("biodiva:staff-advisor-requests")


# The advisor ----------------------------------------------------------------------------------------


@permissions.advisor_required
def advisor_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "biodiva/advisor_overview.html",
        {"companies": selectors.advised_companies(advisor=request.user)},
    )


@permissions.advisor_required
def advisor_company(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One advised company: its sites' figures and the advisor's own notes (with a form for a new one)."""
    company = get_object_or_404(Company, pk=pk)
    if not permissions.advises(user=request.user, company=company):
        raise PermissionDenied
    form = AdvisorNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_advisor_note(company=company, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            messages.success(request, _("Your note was saved."))
            return redirect("biodiva:advisor-company", pk=company.pk)
    advised = selectors.advised_companies(advisor=request.user, company=company)[0]
    return render(
        request,
        "biodiva/advisor_company.html",
        {
            "advised": advised,
            "company": company,
            "form": form,
            "notes": selectors.advisor_notes(company=company, author=request.user),
        },
    )
