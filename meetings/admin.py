from django.contrib import admin
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .forms import MeetingAdminForm, RegistrationAdminForm
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
    """A registration is only cancelled here, by ``services.cancel_registration``: the freed seat goes
    to the first person waiting, who is e-mailed. Confirming someone waiting, putting someone back on
    the waiting list, undoing a cancellation or moving someone to another meeting would pass by the
    seat count and the order of the waiting list (``services.register``), so an existing registration's
    status offers only cancelled, a cancelled one's status is read-only, and so is the meeting.
    Check-in (``attended``) goes through ``services.set_attendance``: only confirmed seats, once the
    welcome desk is open; the form shows its refusal."""

    list_display = ["name", "email", "meeting", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "stakeholder_group"]
    search_fields = ["name", "email", "organisation"]
    raw_id_fields = ["meeting"]
    form = RegistrationAdminForm

    def get_readonly_fields(self, request, obj=None):
        fields = ["promoted_at", "cancelled_at"]
        if obj is not None:
            fields.append("meeting")
            if obj.status == Registration.Status.CANCELLED:
                fields.append("status")
        return fields

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            return super().save_model(request, obj, form, change)
        cancel = "status" in form.changed_data and obj.status == Registration.Status.CANCELLED
        check_in = "attended" in form.changed_data
        # The other fields first, status and check-in as they were; then these by their services.
        if cancel:
            obj.status = form.initial["status"]
        if check_in:
            obj.attended = form.initial["attended"]
        obj.save()
        if check_in:
            services.set_attendance(
                meeting=obj.meeting,
                attended_ids={obj.pk} if form.cleaned_data["attended"] else set(),
                registration_ids={obj.pk},
            )
        if cancel:
            services.cancel_registration(registration=obj)
        obj.refresh_from_db()


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
