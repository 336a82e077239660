from django.contrib import admin

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
    """For corrections by staff; the team works in the queue (/advice/team/), which keeps the history."""

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
    readonly_fields = [
        "token",
        "consent_at",
        "language",
        "answered_at",
        "closed_at",
        "anonymised_at",
        "letter",
    ]
    inlines = [AttachmentInline, NoteInline, HistoryInline]

    def save_formset(self, request, form, formset, change) -> None:
        """New notes written in the admin get the writer as author."""
        for note in formset.save(commit=False):
            if isinstance(note, InternalNote) and note.author_id is None:
                note.author = request.user
            note.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
