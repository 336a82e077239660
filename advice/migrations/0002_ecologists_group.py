"""The ecologists team (shared with fauna-passage monitoring) may handle advice requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ECOLOGISTS = "ecologists"
MODELS = ["advicerequest", "attachment", "historyentry", "internalnote"]


def add_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ECOLOGISTS)
    perms = Permission.objects.filter(content_type__app_label="advice", content_type__model__in=MODELS)
    group.permissions.add(*perms.exclude(codename__startswith="delete_"))


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_group, migrations.RunPython.noop)]
