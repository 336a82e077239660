"""Companies, sites, questionnaires and action plans saved before names, addresses and titles
refused line breaks (0008) may hold them: each run of line breaks becomes one space, so every stored
value passes the field's validator. A site whose folded name another site of its company has already
is numbered ("Werf (2)"), as 0006 did, for the one-name-per-company constraint."""

import re

from django.db import migrations
from django.db.models import Q

# What portal.text.validate_one_line refused when this migration was written: line breaks and the
# other control characters but the tab. Frozen here: a migration does not follow live code.
REFUSED = r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]"
# A run of them, with the spaces around it, becomes one space.
RUN = re.compile(rf" *(?:{REFUSED} *)+")
FIELDS = {
    "Company": ["name"],
    "Site": ["name", "address"],
    "QuestionnaireVersion": ["title"],
    "ActionPlanItem": ["owner"],
}


def one_line(text: str) -> str:
    return RUN.sub(" ", text).strip()


def free_site_name(Site, site_pk: int, company_id: int, name: str) -> str:
    others = Site.objects.filter(company_id=company_id).exclude(pk=site_pk)
    candidate, number = name, 1
    while others.filter(name=candidate).exists():
        number += 1
        candidate = f"{name[:190]} ({number})"
    return candidate


def fold_line_breaks(apps, schema_editor):
    """``update`` per row: no save signals, no timestamps changed. The rows are few and read at once
    (SQLite does not keep a read apart from updates on the same connection)."""
    for model_name, fields in FIELDS.items():
        model = apps.get_model("biodiva", model_name)
        dirty = Q()
        for field in fields:
            dirty |= Q(**{f"{field}__regex": REFUSED})
        extra = ["company_id"] if model_name == "Site" else []
        for row in list(model.objects.filter(dirty).values("pk", *fields, *extra)):
            changed = {field: one_line(row[field]) for field in fields if re.search(REFUSED, row[field])}
            if model_name == "Site" and "name" in changed:
                changed["name"] = free_site_name(model, row["pk"], row["company_id"], changed["name"])
            model.objects.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("biodiva", "0009_site_created_by"),
    ]

    operations = [migrations.RunPython(fold_line_breaks, migrations.RunPython.noop)]
