from django.apps import AppConfig


class BiodivaConfig(AppConfig):
    name = "biodiva"
