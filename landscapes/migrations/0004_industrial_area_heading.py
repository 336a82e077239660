"""One wording for where a measure applies: the industrial area is "In de industriezone", so it is not
mistaken for "Op mijn bedrijfsterrein" (a company's own site)."""

from django.db import migrations

OLD = ("Op het bedrijventerrein", "In the industrial area")
NEW = ("In de industriezone", "In the industrial area")


def rename(apps, schema_editor, before=OLD, after=NEW):
    ApplicationArea = apps.get_model("landscapes", "ApplicationArea")
    ApplicationArea.objects.filter(code="industrial_area", heading_nl=before[0]).update(
        heading_nl=after[0], heading_en=after[1]
    )


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, before=NEW, after=OLD)


class Migration(migrations.Migration):
    dependencies = [("landscapes", "0003_boundary_validation")]

    operations = [migrations.RunPython(rename, rename_back)]
