"""Load 1,000,000 synthetic observations into PostgreSQL and time the statistics and an export.

Run: .venv/bin/python bench/monitoring_scale.py [--rows N]
It creates (and at the end drops) the database ``monitoring_bench`` on 127.0.0.1:5432.
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = "postgres://postgres@127.0.0.1:5432"
DB = "monitoring_bench"


def recreate_database(*, drop_only: bool = False) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        if not drop_only:
            conn.execute(f"CREATE DATABASE {DB}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    recreate_database()
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from monitoring import bulk, camtrap, statistics
    from monitoring.models import Deployment, Observation, Structure, Taxon

    try:
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - t:.1f} s")

        rng = random.Random(5)
        tz = timezone.get_current_timezone()
        structures = [
            Structure.objects.create(
                slug=f"bench-{i}",
                name=f"Bench tunnel {i}",
                structure_type="fauna_tunnel",
                latitude=51.0 + i * 0.01,
                longitude=4.3 + i * 0.02,
            )
            for i in range(20)
        ]
        deployments = []
        for s in structures:
            for year in range(2020, 2025):
                start = datetime(year, 1, 1, tzinfo=tz)
                deployments.append(
                    Deployment.objects.create(
                        structure=s, code=f"{s.slug}-{year}", start=start, end=start + timedelta(days=360)
                    )
                )
        taxa = list(Taxon.objects.filter(kind="animal").values_list("pk", flat=True)[:25])
        statuses = ["confirmed"] * 8 + ["to_check", "rejected"]
        outcomes = ["crossing"] * 7 + ["turned_back"] * 2 + ["unknown"]

        def rows(n):
            for _ in range(n):
                dep = rng.choice(deployments)
                yield {
                    "deployment_id": dep.pk,
                    "taxon_id": rng.choice(taxa),
                    "timestamp": dep.start + timedelta(seconds=rng.randrange(360 * 86400)),
                    "count": rng.choice((1, 1, 1, 2)),
                    "outcome": rng.choice(outcomes),
                    "review_status": rng.choice(statuses),
                }

        # The timings include making the synthetic rows (about 1.5 s per million). A tenth of the
        # rows is loaded afterwards into the indexed table, as a season's uploads would be.
        extra = args.rows // 10
        t = time.perf_counter()
        loaded = bulk.load_observations(rows=rows(args.rows - extra), large=True)
        elapsed = time.perf_counter() - t
        print(
            f"first import: {loaded:,} observations in {elapsed:.1f} s = {loaded / elapsed:,.0f} rows/s "
            "(binary COPY, indexes and foreign keys rebuilt afterwards, ANALYZE)"
        )
        t = time.perf_counter()
        added = bulk.load_observations(rows=rows(extra))
        elapsed = time.perf_counter() - t
        print(
            f"incremental import: {added:,} more observations in {elapsed:.1f} s "
            f"= {added / elapsed:,.0f} rows/s (binary COPY into the indexed table, keys checked per row)"
        )
        loaded += added

        one = structures[0]
        n_one = Observation.objects.filter(deployment__structure=one).count()
        t = time.perf_counter()
        figures = statistics.figures(deployments=one.deployments.all(), statuses=["confirmed"])
        print(
            f"statistics of one structure ({n_one:,} observations, selector): "
            f"{time.perf_counter() - t:.2f} s "
            f"-> {figures.events:,} events, {figures.trap_nights:.0f} trap-nights"
        )
        client = Client(HTTP_HOST="127.0.0.1")
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/monitoring/structures/{one.slug}/")
        print(
            f"structure page (Django test client): {time.perf_counter() - t:.2f} s, "
            f"status {response.status_code}, {len(queries)} queries"
        )
        for state in ("cold", "cached"):
            t = time.perf_counter()
            client.get("/monitoring/")
            print(
                f"monitoring index with all 20 structures ({loaded:,} observations, {state}): "
                f"{time.perf_counter() - t:.2f} s"
            )
        t = time.perf_counter()
        figures_all = statistics.figures(deployments=Deployment.objects.all(), statuses=["confirmed"])
        print(f"statistics of everything: {time.perf_counter() - t:.2f} s -> {figures_all.events:,} events")
        t = time.perf_counter()
        files = camtrap.build_package(deployments=one.deployments.all(), statuses=["confirmed"])
        data = camtrap.zip_files(files)
        print(
            f"Camtrap DP export of one structure: {time.perf_counter() - t:.2f} s, "
            f"{files['observations.csv'].count(chr(10)) - 1:,} observations, {len(data) / 1e6:.1f} MB zip"
        )
    finally:
        connection.close()
        if not args.keep:
            recreate_database(drop_only=True)


if __name__ == "__main__":
    main()
