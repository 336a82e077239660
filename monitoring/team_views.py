"""Pages for the monitoring team: recording, review, management of structures and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import add_service_errors
from portal.types import AuthenticatedHttpRequest

from . import exports, selectors, services
from .csv_import import check_csv, decode_upload
from .forms import (
    CsvUploadForm,
    DeploymentForm,
    ExportForm,
    FailureForm,
    ImageUploadForm,
    ObservationForm,
    StructureForm,
    taxon_options,
)
from .models import Deployment, Observation, Structure
from .permissions import (
    can_record,
    ecologist_required,
    is_ecologist,
    observations_visible_to,
    recordable_deployments,
)


def _recordable_deployment(request: HttpRequest, pk: int) -> Deployment:
    deployment = get_object_or_404(Deployment.objects.select_related("structure"), pk=pk)
    if not can_record(request.user, deployment):
        raise PermissionDenied
    return deployment


@login_required
def deployment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deployment = get_object_or_404(Deployment.objects.select_related("structure"), pk=pk)
    if not (is_ecologist(request.user) or can_record(request.user, deployment)):
        raise PermissionDenied
    observations = (
        observations_visible_to(request.user)
        .filter(deployment=deployment)
        .select_related("taxon", "created_by")
        .order_by("-timestamp")
    )
    page = Paginator(observations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/deployment_detail.html",
        {
            "deployment": deployment,
            "page": page,
            "failures": deployment.failures.all(),
            "can_record": can_record(request.user, deployment),
            "is_ecologist": is_ecologist(request.user),
            "failure_form": FailureForm() if is_ecologist(request.user) else None,
        },
    )


@login_required
def observation_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deployment = _recordable_deployment(request, pk)
    if request.method == "POST":
        form = ObservationForm(request.POST, request.FILES, deployment=deployment)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["taxon"] = data.pop("species")
            photo = data.pop("photo", None)
            try:
                obs = services.create_observation(
                    user=request.user, deployment=deployment, data=data, photo=photo
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Saved: %(taxon)s at %(time)s.")
                    % {
                        "taxon": obs.taxon.label,
                        "time": timezone.localtime(obs.timestamp).strftime("%Y-%m-%d %H:%M"),
                    },
                )
                if "another" in request.POST:
                    url = reverse("monitoring:observation-create", kwargs={"pk": deployment.pk})
                    return redirect(f"{url}?at={timezone.localtime(obs.timestamp):%Y-%m-%dT%H:%M}")
                return redirect(deployment.structure)
    else:
        form = ObservationForm(deployment=deployment, initial={"timestamp": request.GET.get("at")})
    return render(
        request,
        "monitoring/observation_form.html",
        {"form": form, "deployment": deployment, "taxa": taxon_options()},
    )


@login_required
def csv_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deployment = _recordable_deployment(request, pk)
    check = None
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        text = decode_upload(upload.read()) if upload else form.cleaned_data["csv_text"]
        check = check_csv(text=text, deployment=deployment)
        if check.ok and "confirm" in request.POST and not upload:
            count = services.save_csv(user=request.user, deployment=deployment, check=check)
            messages.success(request, _("%(count)s observations saved.") % {"count": count})
            return redirect(deployment)
        form = CsvUploadForm(initial={"csv_text": text})
    return render(
        request, "monitoring/csv_upload.html", {"form": form, "deployment": deployment, "check": check}
    )


@login_required
def image_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deployment = _recordable_deployment(request, pk)
    result = None
    if request.method == "POST":
        form = ImageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.upload_camera_images(
                user=request.user,
                deployment=deployment,
                files=form.cleaned_data["images"],
                taxon=form.cleaned_data.get("species"),
                count=form.cleaned_data["count"],
                fallback_time=form.cleaned_data.get("fallback_time"),
            )
            if not result.errors:
                messages.success(request, _("%(count)s pictures stored.") % {"count": len(result.media)})
                return redirect(deployment)
    else:
        form = ImageUploadForm()
    return render(
        request,
        "monitoring/image_upload.html",
        {"form": form, "deployment": deployment, "result": result, "taxa": taxon_options()},
    )


@login_required
def my_observations(request: AuthenticatedHttpRequest) -> HttpResponse:
    observations = (
        Observation.objects.filter(created_by=request.user)
        .select_related("taxon", "deployment__structure")
        .order_by("-created_at")
    )
    counts = dict(observations.order_by().values_list("review_status").annotate(n=Count("id")))
    return render(
        request,
        "monitoring/my_observations.html",
        {
            "page": Paginator(observations, 50).get_page(request.GET.get("page")),
            "counts": [(label, counts.get(value, 0)) for value, label in Observation.Status.choices],
            "deployments": recordable_deployments(request.user).order_by("-start")[:50],
        },
    )


@ecologist_required
def review(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        pk = request.POST.get("observation", "")
        if not pk.isdigit():
            raise Http404
        obs = get_object_or_404(Observation, pk=pk)
        try:
            services.review_observation(
                user=request.user, observation=obs, status=request.POST.get("status", "")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("%(obs)s: %(status)s.") % {"obs": obs, "status": obs.get_review_status_display()}
            )
        return redirect(request.get_full_path())
    queue = (
        Observation.objects.filter(review_status=Observation.Status.TO_CHECK)
        .select_related("taxon", "deployment__structure", "created_by", "media")
        .order_by("timestamp")
    )
    structure = request.GET.get("structure")
    if structure:
        queue = queue.filter(deployment__structure__slug=structure)
    return render(
        request,
        "monitoring/review.html",
        {
            "page": Paginator(queue, 25).get_page(request.GET.get("page")),
            "statuses": Observation.Status.choices,
        },
    )


@ecologist_required
def structure_edit(request: AuthenticatedHttpRequest, slug: str | None = None) -> HttpResponse:
    structure = get_object_or_404(Structure, slug=slug) if slug else None
    form = StructureForm(request.POST or None, request.FILES or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        structure = form.save()
        messages.success(request, _("Structure saved."))
        return redirect(structure)
    return render(
        request, "monitoring/edit_form.html", {"form": form, "object": structure, "kind": _("structure")}
    )


@ecologist_required
def deployment_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    deployment = get_object_or_404(Deployment, pk=pk) if pk else None
    initial = {}
    if not deployment and request.GET.get("structure"):
        initial["structure"] = Structure.objects.filter(slug=request.GET["structure"]).first()
    form = DeploymentForm(request.POST or None, instance=deployment, initial=initial)
    if request.method == "POST" and form.is_valid():
        deployment = form.save()
        messages.success(request, _("Deployment saved."))
        return redirect(deployment)
    return render(
        request, "monitoring/edit_form.html", {"form": form, "object": deployment, "kind": _("deployment")}
    )


@ecologist_required
@require_POST
def failure_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deployment = get_object_or_404(Deployment, pk=pk)
    form = FailureForm(request.POST)
    if form.is_valid():
        services.add_failure(deployment=deployment, failure=form.save(commit=False))
        messages.success(request, _("Failure period saved; it no longer counts as effort."))
    else:
        errors = "; ".join(
            f"{form.fields[f].label}: {' '.join(map(str, e))}"
            for f, e in form.errors.items()
            if f in form.fields
        )
        messages.error(request, _("The failure period was not saved: %(errors)s") % {"errors": errors})
    return redirect(deployment)


@ecologist_required
def export(request: AuthenticatedHttpRequest) -> HttpResponse | FileResponse:
    form = ExportForm(request.GET or None)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        sel = selectors.selection(
            structure=data["structure"],
            region=data["region"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
        return exports.export_response(export_format=data["format"], selection=sel)
    return render(request, "monitoring/export.html", {"form": form})
