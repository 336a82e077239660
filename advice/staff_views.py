"""The team's queue: triage, assignment, site visit, notes, links and the answer.

Every view here is for the ecologists team only: anonymous visitors are sent to the login page,
other users (other staff included) get 403.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from landscapes.models import Region
from portal.i18n import in_name_order
from portal.types import AuthenticatedHttpRequest

from . import selectors, services
from .forms import AnswerForm, AssignForm, LinkForm, NoteForm, TriageForm, VisitForm
from .models import AdviceRequest, Attachment
from .permissions import ecologist_required
from .views import add_errors, attachment_response, letter_response


@ecologist_required
@require_safe
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    regions = in_name_order(Region.objects.only("slug", "name_nl", "name_en"))
    region = next((r for r in regions if r.slug == request.GET.get("region")), None)
    status = request.GET.get("status", "open")
    topic = request.GET.get("topic", "")
    requests = selectors.queue(
        status="" if status in ("open", "all") else status,
        open_only=status == "open",
        topic=topic if topic in AdviceRequest.Topic.values else "",
        region=region,
        assigned_to=request.user if request.GET.get("mine") else None,
    )
    return render(
        request,
        "advice/staff/queue.html",
        {
            "requests": requests[:200],
            "regions": regions,
            "region": region,
            "status": status,
            "topic": topic,
            "mine": bool(request.GET.get("mine")),
            "statuses": AdviceRequest.Status.choices,
            "topics": AdviceRequest.Topic.choices,
        },
    )


def _forms(advice_request: AdviceRequest, data=None, bound: str = "") -> dict:
    """The detail page's forms; only the one that was posted is bound."""

    def make(name: str, cls, **kwargs):
        initial = kwargs.pop("initial", None)
        return cls(data if bound == name else None, initial=initial, **kwargs)

    return {
        "triage_form": make("triage", TriageForm),
        "assign_form": make("assign", AssignForm, initial={"assignee": advice_request.assigned_to_id}),
        "visit_form": make("visit", VisitForm, initial={"site_visit_on": advice_request.site_visit_on}),
        "note_form": make("note", NoteForm),
        "link_form": make(
            "link",
            LinkForm,
            advice_request=advice_request,
            initial={
                "measures": [m.pk for m in advice_request.measures.all()],
                "structure": advice_request.structure_id,
            },
        ),
        "answer_form": make("answer", AnswerForm, initial={"text": advice_request.answer}),
    }


def _run(request: HttpRequest, form, work: Callable[[dict], object], done: str) -> bool:
    """Validate a posted form and run the service step; messages say what happened."""
    if not form.is_valid():
        return False
    try:
        work(form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
        return False
    except services.AdviceError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, done)
    return True


ACTIONS = {
    "triage": (
        lambda r, u, d: services.triage(
            advice_request=r, actor=u, decision=d["decision"], reason=d["reason"]
        ),
        lambda: _("The decision is saved and the requester is told."),
    ),
    "assign": (
        lambda r, u, d: services.assign(advice_request=r, actor=u, assignee=d["assignee"]),
        lambda: _("The request is assigned."),
    ),
    "visit": (
        lambda r, u, d: services.plan_site_visit(advice_request=r, actor=u, on=d["site_visit_on"]),
        lambda: _("The site visit is planned and the requester is told."),
    ),
    "note": (
        lambda r, u, d: services.add_note(advice_request=r, author=u, text=d["text"]),
        lambda: _("The note is saved."),
    ),
    "link": (
        lambda r, u, d: services.link(
            advice_request=r, actor=u, measures=d["measures"], structure=d["structure"]
        ),
        lambda: _("The measures and the structure are linked."),
    ),
    "answer": (
        lambda r, u, d: services.answer(advice_request=r, actor=u, text=d["text"]),
        lambda: _("The advice and the letter are sent to the requester."),
    ),
}


@ecologist_required
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        advice_request = selectors.staff_request(pk=pk)
    except AdviceRequest.DoesNotExist:
        raise Http404 from None
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ACTIONS:
        return HttpResponse(status=400)
    forms = _forms(advice_request, request.POST, bound=action)
    if action:
        work, done = ACTIONS[action]
        form = forms[f"{action}_form"]
        if _run(request, form, lambda data: work(advice_request, request.user, data), done()):
            return redirect(advice_request.get_staff_url())
        messages.error(request, _("Nothing was changed: please correct the errors below."))
    return render(
        request,
        "advice/staff/detail.html",
        {"advice_request": advice_request, **forms},
        status=400 if action else 200,
    )


@ecologist_required
@require_safe
def letter(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    return letter_response(get_object_or_404(AdviceRequest, pk=pk))


@ecologist_required
@require_safe
def attachment(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    return attachment_response(get_object_or_404(Attachment, pk=pk))


@ecologist_required
@require_safe
def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "advice/staff/figures.html", {"figures": selectors.figures()})
