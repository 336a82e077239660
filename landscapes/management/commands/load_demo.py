"""``manage.py load_demo``: the portal's demo content, for every app. Safe to run twice."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule

# Order matters: the other apps build on the regions.
DEMO_APPS = ("landscapes", "meetings", "biodiva", "monitoring", "advice")


class Command(BaseCommand):
    help = "Load (or refresh) the demo content of every app: regions, species, measures and more."

    def handle(self, *args, **options) -> None:
        for label in DEMO_APPS:
            config = apps.get_app_config(label)
            if not module_has_submodule(config.module, "demo"):
                continue
            demo = import_module(f"{config.name}.demo")
            demo.load(stdout=self.stdout)
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
