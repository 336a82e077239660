from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


@admin.register(AdviceRequest)
class AdviceRequestAdmin(admin.ModelAdmin):
    """For corrections by staff; the team works in the queue (/advice/team/), which keeps the history.

    The status is read-only here, with a link to the request's team page: its steps (triage, answer)
    need a reason or the advice, keep the history and e-mail the requester (``services``).
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
    raw_id_fields = ["municipality", "structure"]
    filter_horizontal = ["measures"]
    exclude = ["status"]
    readonly_fields = [
        "workflow_status",
        "token",
        "consent_at",
        "language",
        "answered_at",
        "closed_at",
        "anonymised_at",
        "letter",
    ]
    inlines = [AttachmentInline, NoteInline, HistoryInline]

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
