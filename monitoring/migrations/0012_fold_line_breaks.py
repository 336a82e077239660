"""Observations stored before who identified them had to be one line (0011) may hold line breaks
there: each run becomes one space, so every stored value passes the field's validator."""

import re

from django.db import migrations

# What portal.text.validate_one_line refused when this migration was written: line breaks and the
# other control characters but the tab. Frozen here: a migration does not follow live code.
REFUSED = r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]"
# A run of them, with the spaces around it, becomes one space.
RUN = re.compile(rf" *(?:{REFUSED} *)+")


def one_line(text: str) -> str:
    return RUN.sub(" ", text).strip()


def fold_line_breaks(apps, schema_editor):
    """The database finds the few rows (one pass over the table); each is changed with ``update``.
    They are read at once: SQLite does not keep a read apart from updates on the same connection."""
    Observation = apps.get_model("monitoring", "Observation")
    dirty = Observation.objects.filter(identified_by__regex=REFUSED).values_list("pk", "identified_by")
    for pk, name in list(dirty):
        Observation.objects.filter(pk=pk).update(identified_by=one_line(name))


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0011_observation_identified_by_one_line"),
    ]

    operations = [migrations.RunPython(fold_line_breaks, migrations.RunPython.noop)]
