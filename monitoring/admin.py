from typing import cast

from django.contrib import admin

from portal.admin_config import take_saved

from . import services
from .forms import ObservationAddAdminForm
from .models import Deployment, DeploymentFailure, Media, Observation, Structure, StructurePhoto, Taxon
from .permissions import is_ecologist


@admin.register(Taxon)
class TaxonAdmin(admin.ModelAdmin):
    list_display = ["scientific_name", "name_nl", "name_en", "rank", "kind"]
    list_filter = ["kind", "rank", "taxon_class"]
    search_fields = ["scientific_name", "name_nl", "name_en"]


class StructurePhotoInline(admin.TabularInline):
    model = StructurePhoto
    extra = 0


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "structure_type", "region", "crosses", "construction_year", "open_for_students"]
    list_filter = ["structure_type", "region", "open_for_students"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StructurePhotoInline]

    def save_model(self, request, obj: Structure, form, change) -> None:
        services.save_structure(structure=obj)


class FailureInline(admin.TabularInline):
    model = DeploymentFailure
    extra = 0


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    list_display = ["code", "structure", "method", "position", "start", "end"]
    list_filter = ["method", "position", "structure"]
    search_fields = ["code", "structure__name"]
    filter_horizontal = ["assigned_students"]
    inlines = [FailureInline]


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    """An observation added here is recorded by ``services.create_observation``, as on the recording
    page and by the API: the add page asks for the recorded fields and shows the service's refusals
    (a student at a deployment they are not assigned to, a time outside the deployment, another
    deployment's file) on the form; the admin user entered it, and an ecologist's record is confirmed.

    A review status set here is stored by ``services.review_observation`` with the admin user as
    reviewer (``reviewed_by``, ``reviewed_at``), as by the API's review action. Only ecologists review (a
    superuser counts as one): the ecologists group holds this model's change permission; for anyone
    else here (a student adding an observation) the review status is read-only."""

    list_display = ["timestamp", "deployment", "taxon", "count", "outcome", "review_status", "created_by"]
    list_filter = ["review_status", "outcome", "deployment__method"]
    search_fields = ["taxon__scientific_name", "taxon__name_nl", "deployment__code"]
    raw_id_fields = ["deployment", "media", "created_by"]
    # The species is a plain list (the taxon list is short): a search widget would ask the taxon
    # admin, which students, who add observations here, may not view.
    date_hierarchy = "timestamp"
    list_select_related = ["taxon", "deployment__structure", "created_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ObservationAddAdminForm.Meta.fields
        return super().get_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        kwargs["form"] = ObservationAddAdminForm
        form = cast(type[ObservationAddAdminForm], super().get_form(request, obj, change=change, **kwargs))
        form.user = request.user  # a class made for this request
        return form

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fields = ["reviewed_by", "reviewed_at"]
        return fields if is_ecologist(request.user) else ["review_status", *fields]

    def save_model(self, request, obj: Observation, form, change) -> None:
        if not change:
            data = {name: form.cleaned_data[name] for name in services.OBSERVATION_FIELDS}
            deployment = form.cleaned_data["deployment"]
            take_saved(obj, services.create_observation(user=request.user, deployment=deployment, data=data))
            return
        super().save_model(request, obj, form, change)
        if "review_status" in form.changed_data:
            services.review_observation(user=request.user, observation=obj, status=obj.review_status)


@admin.register(Media)
class MediaAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "deployment", "file_name", "mediatype", "file_public"]
    list_filter = ["file_public"]
    raw_id_fields = ["deployment", "uploaded_by"]
    search_fields = ["file_name", "external_id"]
