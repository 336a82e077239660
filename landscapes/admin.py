"""Staff edit all landscape content here."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin_config import SafeAutocompleteMixin

from .models import (
    ApplicationArea,
    DevelopmentGoal,
    EcosystemService,
    LandscapeType,
    Measure,
    Municipality,
    Region,
    RegionMeasure,
    Species,
    SpeciesNeed,
)
from .services import overlapping_regions, resimplify_all_regions, save_region


class SpeciesNeedInline(SafeAutocompleteMixin, admin.StackedInline):
    model = SpeciesNeed
    extra = 0
    autocomplete_fields = ["species", "elements"]
    fields = [
        ("species",),
        ("feeding", "breeding", "shelter", "hibernation", "moving"),
        "elements",
        ("note_nl", "note_en"),
    ]


class RegionMeasureInline(SafeAutocompleteMixin, admin.TabularInline):
    model = RegionMeasure
    extra = 0
    autocomplete_fields = ["measure"]
    fields = ["priority", "measure", "note_nl", "note_en"]
    ordering = ["priority"]


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0
    fields = ["nis_code", "name"]
    readonly_fields = ["nis_code", "name"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug", "has_image", "has_brochure", "updated_at"]
    list_filter = [
        "landscape_types",
        ("brochure", admin.EmptyFieldListFilter),
        ("image", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name_nl", "name_en", "slug", "municipalities__name"]
    prepopulated_fields = {"slug": ["name_nl"]}
    filter_horizontal = ["landscape_types"]
    readonly_fields = ["image_preview", "updated_at", "boundary_changed_at"]
    inlines = [MunicipalityInline, SpeciesNeedInline, RegionMeasureInline]
    fieldsets = [
        (None, {"fields": ["slug", ("name_nl", "name_en")]}),
        (
            _("Landscape"),
            {
                "fields": [
                    ("short_description_nl", "short_description_en"),
                    "description_nl",
                    "description_en",
                    "landscape_types",
                ]
            },
        ),
        (
            _("Typical image and brochure"),
            {"fields": ["image", "image_preview", ("image_alt_nl", "image_alt_en"), "brochure"]},
        ),
        (
            _("Boundary"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Replace all boundaries at once with: manage.py import_regions FILE.geojson"
                ),
                "fields": ["boundary", "boundary_changed_at", "updated_at"],
            },
        ),
    ]

    def save_model(self, request, obj: Region, form, change) -> None:
        boundary_changed = "boundary" in form.changed_data
        save_region(region=obj)
        if not boundary_changed:
            return
        resimplify_all_regions()  # keep shared borders shared on the map
        for other, share in overlapping_regions(region=obj):
            self.message_user(
                request,
                _(
                    "The new boundary overlaps %(region)s (%(share)s%% of its area): "
                    "a point there is in two regions."
                )
                % {"region": other.name, "share": round(share * 100)},
                level=messages.WARNING,
            )

    @admin.display(boolean=True, description=_("image"))
    def has_image(self, obj: Region) -> bool:
        return bool(obj.image)

    @admin.display(boolean=True, description=_("official brochure"))
    def has_brochure(self, obj: Region) -> bool:
        return bool(obj.brochure)

    @admin.display(description=_("preview"))
    def image_preview(self, obj: Region) -> str:
        if not obj.image_thumb:
            return "—"
        return format_html('<img src="{}" alt="" style="max-width:400px;height:auto">', obj.image_thumb.url)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "nis_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "nis_code"]
    list_select_related = ["region"]


@admin.register(Species)
class SpeciesAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "scientific_name", "group"]
    list_filter = ["group", "needs__region"]
    search_fields = ["name_nl", "name_en", "scientific_name"]


@admin.register(Measure)
class MeasureAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug"]
    list_filter = ["applies_to", "ecosystem_services", "development_goals", "region_measures__region"]
    search_fields = ["name_nl", "name_en", "slug", "summary_nl", "summary_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["applies_to", "ecosystem_services", "development_goals"]
    autocomplete_fields = ["species"]


@admin.register(SpeciesNeed)
class SpeciesNeedAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["species", "region", "feeding", "breeding", "shelter", "hibernation", "moving"]
    list_filter = ["region", "species__group", "feeding", "breeding", "shelter", "hibernation", "moving"]
    search_fields = ["species__name_nl", "species__scientific_name", "region__name_nl"]
    autocomplete_fields = ["species", "elements"]
    list_select_related = ["species", "region"]


@admin.register(RegionMeasure)
class RegionMeasureAdmin(admin.ModelAdmin):
    list_display = ["region", "priority", "measure"]
    list_filter = ["region", "measure"]
    search_fields = ["region__name_nl", "measure__name_nl"]
    list_select_related = ["region", "measure"]


@admin.register(LandscapeType, ApplicationArea, EcosystemService)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(DevelopmentGoal)
class DevelopmentGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nl", "name_en"]
    search_fields = ["name_nl", "name_en"]
