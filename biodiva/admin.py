"""Admin: staff edit the questionnaire here; a version with completed scans is read-only."""

from django.contrib import admin, messages
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .constants import ADVISORS_GROUP
from .models import (
    ActionPlanItem,
    Answer,
    Choice,
    Company,
    Question,
    QuestionnaireVersion,
    Scan,
    ScanResult,
    Site,
    Theme,
)
from .questionnaire import copy_version


def _unlocked_versions() -> QuerySet[QuestionnaireVersion]:
    return QuestionnaireVersion.objects.exclude(scans__status=Scan.Status.COMPLETED)


class LockedVersionMixin(BaseModelAdmin):
    """Objects of a version that has completed scans can be viewed but not changed or deleted."""

    def version_of(self, obj) -> QuestionnaireVersion:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.version_of(obj).is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.version_of(obj).is_locked:
            return False
        return super().has_delete_permission(request, obj)


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ("position", "code", "name_nl", "name_en", "weight")
    extra = 0
    show_change_link = True


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ("number", "title", "published", "locked", "created_at")
    inlines = [ThemeInline]
    actions = ["new_version", "publish"]

    def version_of(self, obj):
        return obj

    @admin.display(boolean=True, description=_("locked (has completed scans)"))
    def locked(self, obj) -> bool:
        return obj.is_locked

    @admin.action(description=_("Make a new version from the selected version"))
    def new_version(self, request, queryset):
        for version in queryset:
            copy = copy_version(version=version)
            self.message_user(
                request,
                _("Version %(new)s was made from version %(old)s; edit it, then publish it.")
                % {"new": copy.number, "old": version.number},
                messages.SUCCESS,
            )

    @admin.action(description=_("Publish the selected versions"))
    def publish(self, request, queryset):
        count = queryset.update(published=True)
        self.message_user(
            request, ngettext("%(n)d version published.", "%(n)d versions published.", count) % {"n": count}
        )


class QuestionInline(admin.TabularInline):
    model = Question
    fk_name = "theme"
    fields = ("position", "code", "kind", "text_nl", "required", "weight")
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ("name_nl", "version", "position", "weight")
    list_filter = ("version",)
    inlines = [QuestionInline]

    def version_of(self, obj):
        return obj.version

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["queryset"] = _unlocked_versions()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ("position", "code", "label_nl", "label_en", "score")
    extra = 0


@admin.register(Question)
class QuestionAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ("code", "text_nl", "kind", "theme", "weight", "required")
    list_filter = ("theme__version", "kind")
    search_fields = ("code", "text_nl", "text_en")
    inlines = [ChoiceInline]
    fieldsets = (
        (None, {"fields": ("theme", "position", "code", "kind", "required", "weight")}),
        (_("Text"), {"fields": ("text_nl", "text_en", "help_nl", "help_en")}),
        (_("Numbers"), {"fields": ("unit", "min_value", "max_value", "score_zero_at", "score_full_at")}),
        (_("Yes/no"), {"fields": ("yes_is_good",)}),
        (_("Condition"), {"fields": ("condition_question", "condition_values")}),
    )

    def version_of(self, obj):
        return obj.theme.version

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            kwargs["queryset"] = Theme.objects.filter(version__in=_unlocked_versions()).select_related(
                "version"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SiteInline(admin.TabularInline):
    """The company's sites; a site is added on the site page, which asks for all it needs."""

    model = Site
    fields = ("name", "address", "region")
    readonly_fields = ("region",)
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    filter_horizontal = ("members", "advisors")
    inlines = [SiteInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "advisors":
            kwargs["queryset"] = get_user_model().objects.filter(groups__name=ADVISORS_GROUP)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        """A site row is stored by ``services.save_site`` (its region), as on the site page;
        removing one is ``services.delete_site``."""
        if formset.model is not Site:
            return super().save_formset(request, form, formset, change)
        for site in formset.save(commit=False):
            services.save_site(site=site)
        for site in formset.deleted_objects:
            services.delete_site(site=site)
        formset.save_m2m()


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("name", "company", "region", "sector", "activity")
    list_filter = ("region", "sector")
    search_fields = ("name", "company__name", "address")
    readonly_fields = ("region",)

    def save_model(self, request, obj, form, change):
        services.save_site(site=obj)


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ("question", "value")
    readonly_fields = ("question", "value")
    extra = 0
    can_delete = False


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = ("site", "version", "status", "current_step", "started_at", "completed_at")
    list_filter = ("status", "version")
    readonly_fields = ("site", "version", "status", "completed_at")
    inlines = [AnswerInline]


@admin.register(ScanResult)
class ScanResultAdmin(admin.ModelAdmin):
    list_display = ("scan", "overall", "level", "computed_at")
    readonly_fields = ("scan", "overall", "level", "theme_scores")


@admin.register(ActionPlanItem)
class ActionPlanItemAdmin(admin.ModelAdmin):
    list_display = ("measure", "site", "owner", "target_date", "done")
    list_filter = ("done",)
    readonly_fields = ("done_at",)

    def save_model(self, request, obj, form, change):
        """Owner, date and done go through ``services.update_plan_item``, as on the plan page and in the
        API: ticking done stamps ``done_at``, unticking clears it."""
        super().save_model(request, obj, form, change)
        services.update_plan_item(item=obj, owner=obj.owner, target_date=obj.target_date, done=obj.done)
