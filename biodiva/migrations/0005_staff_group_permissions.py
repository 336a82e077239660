"""BIODIVA staff get their rights from their own group (being staff grants nothing in the app): the
group, and its permissions on the BIODIVA models for the admin (not the advisors' private notes)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen here: the names as this migration uses them.
STAFF_GROUP = "biodiva staff"
PRIVATE_MODELS = ["advisornote"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("biodiva")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=STAFF_GROUP)
    permissions = apps.get_model("auth", "Permission").objects.filter(content_type__app_label="biodiva")
    group.permissions.add(*permissions.exclude(content_type__model__in=PRIVATE_MODELS))


def backwards(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="biodiva"))


class Migration(migrations.Migration):
    dependencies = [
        ("biodiva", "0004_advisor_requests"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
