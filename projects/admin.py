"""The staff's admin for realised projects: only users with the projects permissions (the group
"project editors") see it; being staff alone grants nothing here."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Photo, Project


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 1
    fields = ["moment", "image", "preview", "credit", "alt_nl", "alt_en", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo: Photo) -> str:
        if not photo.image_card:
            return "–"
        return format_html('<img src="{}" alt="" width="200">', photo.image_card.url)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title_nl", "kind", "programme", "year", "region", "is_published", "is_demo"]
    list_filter = ["kind", "programme", "is_published", "is_demo", "region"]
    search_fields = ["title_nl", "title_en", "partners"]
    prepopulated_fields = {"slug": ["title_nl"]}
    readonly_fields = ["region"]
    filter_horizontal = ["measures", "species", "ecosystem_services", "development_goals"]
    inlines = [PhotoInline]

    def save_model(self, request, obj: Project, form, change) -> None:
        services.save_project(project=obj)

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Photo:
            return super().save_formset(request, form, formset, change)
        for photo in formset.save(commit=False):
            services.save_photo(photo=photo)
        for photo in formset.deleted_objects:
            photo.delete()
        formset.save_m2m()
