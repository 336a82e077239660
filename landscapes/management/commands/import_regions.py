"""``manage.py import_regions FILE``: official region boundaries from a GeoJSON file."""

import json

from django.core.management.base import BaseCommand, CommandError

from landscapes.boundary_import import MATCH_FIELDS, BoundaryImportError, import_region_boundaries


class Command(BaseCommand):
    help = (
        "Replace region boundaries with those of a GeoJSON FeatureCollection in WGS84 or Belgian "
        "Lambert 72 (EPSG:31370, declared in the file's crs member). Every feature is checked first; "
        "nothing changes unless the whole file is good."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="path to the .geojson file")
        parser.add_argument(
            "--property", default="slug", help="the feature property that names the region (default: slug)"
        )
        parser.add_argument(
            "--match",
            default="slug",
            choices=MATCH_FIELDS,
            help="the region field the property is compared with (default: slug)",
        )

    def handle(self, *args, **options) -> None:
        try:
            with open(options["file"], encoding="utf-8") as fh:
                collection = json.load(fh)
        except FileNotFoundError:
            raise CommandError(f"No file at {options['file']}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{options['file']} is not valid JSON: {exc}") from None
        try:
            report = import_region_boundaries(
                collection=collection, match_property=options["property"], match_field=options["match"]
            )
        except BoundaryImportError as exc:
            lines = "\n".join(f"  - {e}" for e in exc.errors)
            raise CommandError(
                f"Nothing was imported; the file has {len(exc.errors)} problem(s):\n{lines}"
            ) from None
        self.stdout.write(f"Source coordinates: {report.source_crs}")
        for slug in report.repaired:
            self.stdout.write(self.style.WARNING(f"Repaired an invalid geometry: {slug}"))
        if report.untouched:
            self.stdout.write(f"Not in the file, left as they were: {', '.join(report.untouched)}")
        self.stdout.write(self.style.SUCCESS(f"Updated the boundaries of {len(report.updated)} region(s)."))
