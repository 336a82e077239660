from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.module_loading import module_has_submodule

# django-leaflet ships an admin module for GeoDjango fields that needs the GDAL C library. The
# portal keeps geometries as GeoJSON (shapely does the geometry work), so it does not need GDAL,
# and the admin discovery below passes that one module over.
SKIP_ADMIN_DISCOVERY = {"leaflet"}


class PortalAdminConfig(SimpleAdminConfig):
    """Django's admin with autodiscovery of every app's ``admin`` module but django-leaflet's."""

    default = False

    def ready(self) -> None:
        super().ready()
        for config in apps.get_app_configs():
            if config.name in SKIP_ADMIN_DISCOVERY:
                continue
            if module_has_submodule(config.module, "admin"):
                import_module(f"{config.name}.admin")


def take_saved(obj: Model, saved: Model) -> None:
    """Make the admin's unsaved ``obj`` the row a service saved (``saved``), for what the admin does
    next with it: the log entry, the message naming it and the next page. For add pages whose
    ``save_model`` creates the row through a service."""
    obj.pk = saved.pk
    obj.refresh_from_db()
    obj._state.adding = False


class _KnownValuesOnly:
    """Django's autocomplete widgets look the submitted values up as they are, when a page is shown
    again: a value that cannot be a key ("abc") raises ValueError and the page answers 500 instead of
    showing the field's own error. These leave such values out of the lookup (the form field still
    refuses them, naming the field)."""

    field: Model

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.get_related_field()  # type: ignore[attr-defined]

        def readable(item) -> bool:
            try:
                target.to_python(item)
            except ValidationError:
                return False
            return True

        return super().optgroups(name, [item for item in value if readable(item)], attr)  # type: ignore[misc]


class KnownValuesAutocompleteSelect(_KnownValuesOnly, AutocompleteSelect):
    pass


class KnownValuesAutocompleteSelectMultiple(_KnownValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For a ModelAdmin or inline with ``autocomplete_fields``: the same widgets as Django's, which
    show a bad submitted value as a field error rather than a server error
    (``tests/portal/test_admin_autocomplete.py`` fails for an admin with autocomplete fields
    without this mixin)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = KnownValuesAutocompleteSelect(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs["widget"] = KnownValuesAutocompleteSelectMultiple(
                db_field,
                self.admin_site,  # type: ignore[attr-defined]
                using=kwargs.get("using"),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
