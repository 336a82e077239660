from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import AdviceRequest, Attachment, HistoryEntry, InternalNote


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["kind", "original_name", "file"]
    readonly_fields = ["kind", "original_name", "file"]
    can_delete = False


class HistoryInline(admin.TabularInline):
    model = HistoryEntry
    extra = 0
    fields = readonly_fields = ("created_at", "action", "status", "actor", "detail")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class NoteInline(admin.TabularInline):
    model = InternalNote
    extra = 0
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]


# The team's steps, each a service on the team's page that keeps the history (and e-mails the
# requester): triage (status, reason), assign, plan_site_visit, link (measures, structure), answer.
TEAM_FIELDS = [
    "workflow_status",
    "decision_reason",
    "assigned_to",
    "site_visit_on",
    "measures",
    "structure",
    "answer",
    "answered_at",
    "letter",
    "closed_at",
]


PLACE_FIELDS = ("municipality", "latitude", "longitude")


class AdviceRequestAdminForm(forms.ModelForm):
    """A corrected place gets its region from ``services.locate``, as a request sent from the form
    or the API does, and a place outside the province is refused on its field."""

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if set(PLACE_FIELDS) & set(self.changed_data) and not self.errors:
            try:
                self.instance.region = services.locate(**{name: cleaned.get(name) for name in PLACE_FIELDS})
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(AdviceRequest)
class AdviceRequestAdmin(admin.ModelAdmin):
    """For corrections by staff of what the requester sent; the team works in the queue
    (/advice/team/), which keeps the history. Requests come from the public form and the API
    (``services.submit_request``: the region, the "received" history entry, the e-mail), never
    from here; a corrected place gets its region from ``services.locate``.

    The team's part (status, reason, assignment, site visit, linked measures and structure, answer
    and letter) is read-only here, under a link to the request's team page: its steps
    (``services.triage``, ``assign``, ``plan_site_visit``, ``link``, ``answer``) check what they
    may, keep the history and e-mail the requester.
    """

    list_display = [
        "reference",
        "created_at",
        "topic",
        "organisation_type",
        "region",
        "status",
        "assigned_to",
    ]
    list_filter = ["status", "topic", "organisation_type", "region"]
    search_fields = ["name", "email", "organisation", "description"]
    date_hierarchy = "created_at"
    raw_id_fields = ["municipality"]
    exclude = ["status"]
    readonly_fields = ["token", "consent_at", "language", "anonymised_at", "region", *TEAM_FIELDS]
    inlines = [AttachmentInline, NoteInline, HistoryInline]
    form = AdviceRequestAdminForm

    def has_add_permission(self, request) -> bool:
        return False

    def get_fieldsets(self, request, obj=None):
        team: dict = {"fields": TEAM_FIELDS}
        if obj is not None:
            team["description"] = format_html(
                '<a href="{}">{}</a>',
                obj.get_staff_url(),
                _("Change these on the team's page, which keeps the history and e-mails the requester"),
            )
        requester = [name for name in self.get_fields(request, obj) if name not in TEAM_FIELDS]
        return [(None, {"fields": requester}), (_("The team's work"), team)]

    @admin.display(description=_("status"))
    def workflow_status(self, obj: AdviceRequest) -> str:
        if obj.pk is None:
            return obj.get_status_display()
        return format_html(
            '{} · <a href="{}">{}</a>',
            obj.get_status_display(),
            obj.get_staff_url(),
            _("change it on the team's page, which keeps the history and e-mails the requester"),
        )

    def save_formset(self, request, form, formset, change) -> None:
        """New notes written in the admin get the writer as author."""
        for note in formset.save(commit=False):
            if isinstance(note, InternalNote) and note.author_id is None:
                note.author = request.user
            note.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
