from django.db import migrations


def load(apps, schema_editor):
    from landscapes.vocabulary import load_vocabularies

    load_vocabularies(
        apps.get_model("landscapes", "ApplicationArea"),
        apps.get_model("landscapes", "EcosystemService"),
        apps.get_model("landscapes", "DevelopmentGoal"),
    )


class Migration(migrations.Migration):
    dependencies = [("landscapes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
