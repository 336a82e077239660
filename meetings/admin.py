from django.contrib import admin
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .forms import MeetingAdminForm
from .models import AgendaItem, Meeting, MeetingDocument, Outcome, Registration, StakeholderGroup


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1


class DocumentInline(admin.TabularInline):
    model = MeetingDocument
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "starts_at", "format", "capacity", "status"]
    list_filter = ["status", "format", "regions"]
    search_fields = ["title_nl", "title_en", "venue_name"]
    filter_horizontal = ["regions", "stakeholder_groups"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, DocumentInline]
    form = MeetingAdminForm
    # A link typed without a scheme is a secure one, as on the organisers' own form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "regions":
            # As on the organisers' form: services.save_meeting takes the region of the location.
            kwargs["required"] = False
            kwargs["help_text"] = gettext_lazy("Leave empty to use the region of the venue's map location.")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        """Stored by ``services.save_meeting``, with the regions and groups, as on the organisers' form."""
        services.save_meeting(
            meeting=obj,
            regions=form.cleaned_data["regions"],
            stakeholder_groups=form.cleaned_data["stakeholder_groups"],
            changed=form.has_changed(),
        )
        if not form.cleaned_data["regions"]:
            region = obj.regions.get()
            self.message_user(
                request, _("Region set from the map location: %(region)s.") % {"region": region.name}
            )

    def save_related(self, request, form, formsets, change) -> None:
        # Not form.save_m2m(): it would set the regions to the empty choice again (save_model set them).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        services.fill_free_seats(meeting=form.instance)

    def save_formset(self, request, form, formset, change) -> None:
        """Documents are attached and removed by the services, as on the report page: a removed
        document's file goes too."""
        if formset.model is not MeetingDocument:
            return super().save_formset(request, form, formset, change)
        for document in formset.save(commit=False):
            services.attach_document(meeting=form.instance, document=document)
        for document in formset.deleted_objects:
            services.delete_document(document=document)
        formset.save_m2m()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "meeting", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "stakeholder_group"]
    search_fields = ["name", "email", "organisation"]
    raw_id_fields = ["meeting"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "meeting", "status", "is_public"]
    list_filter = ["status", "is_public"]
    search_fields = ["title_nl", "organisation"]
    raw_id_fields = ["meeting"]
    filter_horizontal = ["measures"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en", "position"]
