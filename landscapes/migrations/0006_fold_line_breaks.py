"""Vocabularies, regions, municipalities, species, measures and their notes saved before every name,
title and short text refused line breaks (0005) may hold them: each run of line breaks becomes one
space, so every stored value passes the field's validator. The unique fields are identifiers
(a scientific name, a NIS code, a deployment code): one whose folded value another row has already
is left as it is, for a person to merge or correct (its form names the line break), since a
numbered identifier ("Vulpes vulpes (2)") would be exported as a name that exists nowhere. Region.renditions_of is left out: the portal writes it, a copy of a
stored file's name."""

import re

from django.db import migrations
from django.db.models import Q

# What portal.text.validate_one_line refused when this migration was written: line breaks and the
# other control characters but the tab. Frozen here: a migration does not follow live code.
REFUSED = r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]"
# A run of them, with the spaces around it, becomes one space.
RUN = re.compile(rf" *(?:{REFUSED} *)+")
FIELDS = {
    "LandscapeType": ["name_nl", "name_en"],
    "ApplicationArea": ["name_nl", "name_en", "heading_nl", "heading_en"],
    "EcosystemService": ["name_nl", "name_en"],
    "DevelopmentGoal": ["name_nl", "name_en"],
    "Region": [
        "name_nl",
        "name_en",
        "short_description_nl",
        "short_description_en",
        "image_alt_nl",
        "image_alt_en",
    ],
    "Municipality": ["nis_code", "name"],
    "Species": ["scientific_name", "name_nl", "name_en", "photo_credit"],
    "Measure": ["name_nl", "name_en", "summary_nl", "summary_en"],
    "SpeciesNeed": ["note_nl", "note_en"],
    "RegionMeasure": ["note_nl", "note_en"],
}
# Fields whose value is unique in the table: identifiers.
UNIQUE = {"Municipality": ["nis_code", "name"], "Species": ["scientific_name"]}


def one_line(text: str) -> str:
    return RUN.sub(" ", text).strip()


def taken(model, field: str, pk: int, value: str) -> bool:
    """Whether another row of the table has the value already."""
    return model.objects.exclude(pk=pk).filter(**{field: value}).exists()


def fold_line_breaks(apps, schema_editor):
    """The database finds the few rows (one pass over each table); each is changed with ``update``:
    no save signals, no timestamps changed. They are read at once (SQLite does not keep a read apart
    from updates on the same connection)."""
    for model_name, fields in FIELDS.items():
        model = apps.get_model("landscapes", model_name)
        dirty = Q()
        for field in fields:
            dirty |= Q(**{f"{field}__regex": REFUSED})
        for row in list(model.objects.filter(dirty).values("pk", *fields)):
            changed = {field: one_line(row[field]) for field in fields if re.search(REFUSED, row[field])}
            for field in UNIQUE.get(model_name, []):
                if field in changed and taken(model, field, row["pk"], changed[field]):
                    del changed[field]
            if changed:
                model.objects.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("landscapes", "0005_single_line_char_fields"),
    ]

    operations = [migrations.RunPython(fold_line_breaks, migrations.RunPython.noop)]
