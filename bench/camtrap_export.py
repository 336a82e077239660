"""Camtrap DP export of one structure against a COPY ... TO CSV + zip of the same rows, in one run.

Run: .venv/bin/python bench/camtrap_export.py [--database-url URL] [--rows N] [--repeat R] [--keep]

The database named in the URL (PostgreSQL; default ``camtrap_bench`` on 127.0.0.1:5432) is dropped
and created again, filled with one structure of N observations (half of them on a picture) and
dropped at the end unless ``--keep``. Each figure is the best of R runs; the ratio is the export's
time over the anchor's (goal: at most 3).
"""

import argparse
import io
import os
import random
import sys
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/camtrap_bench"


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    recreate_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from monitoring import bulk, camtrap
    from monitoring.models import Deployment, Media, Observation, Structure, Taxon

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(7)
        tz = timezone.get_current_timezone()
        structure = Structure.objects.create(
            slug="bench-tunnel",
            name="Bench tunnel",
            structure_type="fauna_tunnel",
            latitude=51.2,
            longitude=4.4,
        )
        deployments = []
        for year in range(2021, 2025):
            start = datetime(year, 1, 1, tzinfo=tz)
            deployments.append(
                Deployment.objects.create(
                    structure=structure, code=f"bench-{year}", start=start, end=start + timedelta(days=360)
                )
            )
        taxa = list(Taxon.objects.filter(kind="animal").values_list("pk", flat=True)[:25])
        moments = [
            (dep, dep.start + timedelta(seconds=rng.randrange(360 * 86400)))
            for dep in (rng.choice(deployments) for _ in range(args.rows))
        ]
        media = Media.objects.bulk_create(
            [
                Media(
                    deployment=dep,
                    timestamp=moment,
                    file_path=f"https://example.org/media/{i}.jpg",
                    file_name=f"IMG_{i:06d}.JPG",
                )
                for i, (dep, moment) in enumerate(moments[::2])
            ],
            batch_size=5000,
        )

        def rows():
            for i, (dep, moment) in enumerate(moments):
                yield {
                    "deployment_id": dep.pk,
                    "taxon_id": rng.choice(taxa),
                    "timestamp": moment,
                    "count": rng.choice((1, 1, 1, 2)),
                    "outcome": rng.choice(("crossing", "crossing", "turned_back", "unknown")),
                    "review_status": "confirmed",
                    "identified_by": "Bench Ecologist",
                    "level": "media" if i % 2 == 0 else "event",
                }

        bulk.load_observations(rows=rows())
        # Half the observations of the structure are on a picture.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE monitoring_observation o SET media_id = m.id FROM "
                "(SELECT id, deployment_id, timestamp FROM monitoring_media) m "
                "WHERE o.level = 'media' AND o.deployment_id = m.deployment_id AND o.timestamp = m.timestamp"
            )
            cursor.execute("ANALYZE")
        n_obs = Observation.objects.filter(deployment__structure=structure).count()
        n_media = len(media)
        selection = Deployment.objects.filter(structure=structure)

        def export():
            buffer = io.BytesIO()
            camtrap.write_package(buffer, deployments=selection, statuses=["confirmed"])
            return buffer

        dep_ids = ",".join(str(d.pk) for d in deployments)
        queries = {
            "deployments.csv": f"SELECT * FROM monitoring_deployment WHERE id IN ({dep_ids}) "
            "ORDER BY start, id",
            "media.csv": f"SELECT * FROM monitoring_media WHERE deployment_id IN ({dep_ids}) "
            "ORDER BY timestamp, id",
            "observations.csv": f"SELECT * FROM monitoring_observation WHERE deployment_id IN ({dep_ids}) "
            "AND review_status = 'confirmed' ORDER BY timestamp, id",
        }

        def anchor():
            connection.ensure_connection()
            raw = connection.connection
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf, raw.cursor() as cursor:
                for name, sql in queries.items():
                    with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT CSV, HEADER)") as copy:
                        zf.writestr(name, b"".join(copy))
            return buffer

        size = len(export().getvalue())
        export_time = best(args.repeat, export)
        anchor_time = best(args.repeat, anchor)
        print(f"one structure: {n_obs:,} observations, {n_media:,} media, {len(deployments)} deployments")
        print(f"Camtrap DP export (write_package): {export_time * 1000:.0f} ms, {size / 1e6:.1f} MB zip")
        print(f"anchor, COPY ... TO CSV + zip of the same rows: {anchor_time * 1000:.0f} ms")
        print(f"ratio export / anchor: {export_time / anchor_time:.2f}x (goal <= 3x)")
    finally:
        connection.close()
        if not args.keep:
            recreate_database(args.database_url, drop_only=True)


if __name__ == "__main__":
    main()
