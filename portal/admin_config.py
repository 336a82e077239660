from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import SimpleAdminConfig
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
