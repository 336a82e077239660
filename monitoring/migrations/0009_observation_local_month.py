"""Observations keep the month of their moment in the portal's time zone, for statistics per month."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models


def fill_months(apps, schema_editor):
    Observation = apps.get_model("monitoring", "Observation")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'UPDATE {Observation._meta.db_table} SET month = EXTRACT(MONTH FROM "timestamp" AT TIME ZONE %s)',
            [settings.TIME_ZONE],
        )
        return
    zone = ZoneInfo(settings.TIME_ZONE)
    by_month: dict[int, list[int]] = {}
    for pk, moment in Observation.objects.values_list("pk", "timestamp").iterator():
        by_month.setdefault(moment.astimezone(zone).month, []).append(pk)
    for month, pks in by_month.items():
        for start in range(0, len(pks), 500):
            Observation.objects.filter(pk__in=pks[start : start + 500]).update(month=month)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0008_camtrap_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="month",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(fill_months, migrations.RunPython.noop, elidable=True),
    ]
