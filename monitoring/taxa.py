"""The taxon list shipped with the app (fixtures/monitoring/taxa.csv)."""

import csv
from pathlib import Path

from django.conf import settings

TAXA_CSV = Path(settings.BASE_DIR) / "fixtures" / "monitoring" / "taxa.csv"


def seed_rows() -> list[dict[str, str]]:
    with open(TAXA_CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def seed_taxa(taxon_model) -> int:
    """Create or update the shipped taxa; the model is passed so migrations can use it too."""
    for row in seed_rows():
        taxon_model.objects.update_or_create(
            scientific_name=row["scientific_name"],
            defaults={
                "name_nl": row["name_nl"],
                "name_en": row["name_en"],
                "rank": row["rank"],
                "kind": row["kind"],
                "taxon_class": row["taxon_class"],
            },
        )
    return taxon_model.objects.count()
