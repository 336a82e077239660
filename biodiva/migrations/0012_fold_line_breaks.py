"""Questionnaire themes, questions, units and choices saved before they refused line breaks (0011) may
hold them: each run of line breaks becomes one space, so every stored value passes the field's
validator."""

import re

from django.db import migrations
from django.db.models import Q

# What portal.text.validate_one_line refused when this migration was written: line breaks and the
# other control characters but the tab. Frozen here: a migration does not follow live code.
REFUSED = r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]"
# A run of them, with the spaces around it, becomes one space.
RUN = re.compile(rf" *(?:{REFUSED} *)+")
FIELDS = {
    "Theme": ["name_nl", "name_en"],
    "Question": ["text_nl", "text_en", "unit"],
    "Choice": ["label_nl", "label_en"],
}


def one_line(text: str) -> str:
    return RUN.sub(" ", text).strip()


def fold_line_breaks(apps, schema_editor):
    """The database finds the few rows (one pass over each table); each is changed with ``update``:
    no save signals, no timestamps changed. They are read at once (SQLite does not keep a read apart
    from updates on the same connection)."""
    for model_name, fields in FIELDS.items():
        model = apps.get_model("biodiva", model_name)
        dirty = Q()
        for field in fields:
            dirty |= Q(**{f"{field}__regex": REFUSED})
        for row in list(model.objects.filter(dirty).values("pk", *fields)):
            changed = {field: one_line(row[field]) for field in fields if re.search(REFUSED, row[field])}
            model.objects.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("biodiva", "0011_single_line_char_fields"),
    ]

    operations = [migrations.RunPython(fold_line_breaks, migrations.RunPython.noop)]
