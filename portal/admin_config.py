from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import SimpleAdminConfig
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
