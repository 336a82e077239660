from django.contrib.auth.management import create_permissions
from django.db import migrations

ORGANISERS_GROUP = "organisers"

STAKEHOLDER_GROUPS = [
    ("municipality", "Gemeente of lokaal bestuur", "Municipality or local government"),
    ("farmer", "Landbouwer", "Farmer"),
    ("company", "Bedrijf", "Company"),
    ("school", "School of onderwijsinstelling", "School or educational institution"),
    ("nature_organisation", "Natuurorganisatie", "Nature organisation"),
    ("resident", "Bewoner", "Resident"),
    ("other", "Andere", "Other"),
]


def forwards(apps, schema_editor):
    for position, (code, name_nl, name_en) in enumerate(STAKEHOLDER_GROUPS):
        apps.get_model("meetings", "StakeholderGroup").objects.update_or_create(
            code=code, defaults={"name_nl": name_nl, "name_en": name_en, "position": position}
        )
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=ORGANISERS_GROUP)
    permissions = apps.get_model("auth", "Permission").objects.filter(content_type__app_label="meetings")
    group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ORGANISERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
