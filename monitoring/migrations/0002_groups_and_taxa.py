"""The ecologists and students groups with their permissions, and the shipped taxon list."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ECOLOGIST_MODELS = ["structure", "structurephoto", "deployment", "deploymentfailure", "media", "observation", "taxon"]
STUDENT_PERMS = ["add_observation", "view_observation", "add_media", "view_media", "view_deployment", "view_structure"]


def forwards(apps, schema_editor):
    from monitoring.constants import ECOLOGISTS, STUDENTS
    from monitoring.taxa import seed_taxa

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="monitoring")
    ecologists, _ = Group.objects.get_or_create(name=ECOLOGISTS)
    ecologists.permissions.add(*perms.filter(content_type__model__in=ECOLOGIST_MODELS))
    students, _ = Group.objects.get_or_create(name=STUDENTS)
    students.permissions.add(*perms.filter(codename__in=STUDENT_PERMS))
    seed_taxa(apps.get_model("monitoring", "Taxon"))


def backwards(apps, schema_editor):
    from monitoring.constants import ECOLOGISTS, STUDENTS

    apps.get_model("auth", "Group").objects.filter(name__in=[ECOLOGISTS, STUDENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
