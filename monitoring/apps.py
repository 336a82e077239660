from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Fauna passage monitoring")

    def ready(self) -> None:
        from . import signals  # noqa: F401
