from django.contrib import admin
from django.db import models

from . import services
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
    # A link typed without a scheme is a secure one, as on the organisers' own form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.fill_free_seats(meeting=form.instance)


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
