from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandscapesConfig(AppConfig):
    name = "landscapes"
    verbose_name = _("Landscape images")

    def ready(self) -> None:
        from . import signals  # noqa: F401
