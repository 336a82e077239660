"""Load 1,000,000 synthetic observations into PostgreSQL and time the import and the statistics,
each next to an anchor measured in the same run.

    .venv/bin/python bench/monitoring_scale.py [--rows N] [--database-url URL] [--keep]

It creates (and at the end drops) the database named in ``--database-url`` (or DATABASE_URL;
default ``postgres://postgres@127.0.0.1:5432/monitoring_bench``); the name must contain "bench".
Figures (FIGURE lines):
- first import (``bulk.load_observations(large=True)``, 90% of the rows: until it has committed with
  its primary key, checked foreign keys and planner statistics) against a raw binary COPY of the
  same rows into an unindexed table without keys: ratio of speeds, goal >= 0.5x;
- the tidy-up it queues for once it has committed (building the model's indexes again
  concurrently, validating the keys it checked itself, VACUUM) is timed on its own, and the import
  and tidy-up together are printed against the same anchor (no goal: nobody waits for it);
- one structure's statistics (the selector, uncached): goal <= 50 ms;
- province-wide species x month (the selector) against the same aggregation in raw SQL: goal <= 300 ms;
- the structure and region pages, computed and then cached.
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/monitoring_bench"


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def best_of(runs: int, fn):
    timings, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - t)
    return min(timings), result


def figure(label: str, value: str, anchor: str, ratio: str, goal: str, met: bool | None) -> None:
    """One FIGURE line; ``met`` is None for a figure reported without a goal."""
    verdict = "reported" if met is None else "met" if met else "NOT met"
    print(f"FIGURE {label}: {value}; anchor {anchor}; ratio {ratio}; goal {goal}; {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if "bench" not in urlsplit(args.database_url).path:
        sys.exit("The database is dropped and created again: give one whose name contains 'bench'.")

    recreate_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from landscapes.demo import load_geography
    from landscapes.models import Region
    from monitoring import bulk, large_load, statistics

    # The anchor's rows: a value for each column a CSV import fills in (the loader's columns but
    # those only a camera import brings).
    anchor_columns = tuple(c for c in bulk.COLUMNS if c not in ("event_end", "media_id", "camtrap_fields"))
    from monitoring.models import Deployment, Observation, Structure, Taxon

    try:
        t = time.perf_counter()
        call_command("migrate", verbosity=0)
        load_geography()
        print(f"migrate + regions: {time.perf_counter() - t:.1f} s")

        rng = random.Random(5)
        tz = timezone.get_current_timezone()
        region = Region.objects.get(slug="rupel-zenne-dijle")
        structures = [
            Structure.objects.create(
                slug=f"bench-{i}",
                name=f"Bench tunnel {i}",
                structure_type="fauna_tunnel",
                latitude=51.0875,
                longitude=4.3665 + i * 0.0005,
                region=region if i < 5 else None,
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
        names = ("deployment_id", "taxon_id", "timestamp", "count", "outcome", "review_status")

        def make(n: int) -> list[tuple]:
            rows = []
            for _ in range(n):
                dep = rng.choice(deployments)
                moment = dep.start + timedelta(seconds=rng.randrange(360 * 86400))
                rows.append(
                    (
                        dep.pk,
                        rng.choice(taxa),
                        moment,
                        rng.choice((1, 1, 1, 2)),
                        rng.choice(outcomes),
                        rng.choice(statuses),
                        moment.astimezone(tz).month,  # for the anchor only: the import derives it
                    )
                )
            return rows

        extra = args.rows // 10
        first, later = make(args.rows - extra), make(extra)
        # The import's input (dicts, as the CSV and Camtrap DP imports pass them) is built before the
        # clock starts, as the anchor's tuples are.
        as_dicts = lambda rows: [dict(zip(names, row[:6], strict=True)) for row in rows]  # noqa: E731

        # Anchor: a raw binary COPY of the same rows, with the same columns the import writes, into a
        # table without indexes, keys or constraints.
        def raw_copy(rows: list[tuple]) -> float:
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE bench_raw_copy AS SELECT * FROM monitoring_observation LIMIT 0")
            now = timezone.now()
            copy_sql = f"COPY bench_raw_copy ({', '.join(anchor_columns)}) FROM STDIN (FORMAT BINARY)"
            t = time.perf_counter()
            with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as cp:
                cp.set_types(bulk._postgres_types(anchor_columns))
                for dep, tax, ts, count, outcome, status, month in rows:
                    cp.write_row(
                        (
                            dep,
                            tax,
                            ts,
                            count,
                            "unknown",
                            outcome,
                            "",
                            "",
                            "",
                            "event",
                            "",
                            "",
                            None,
                            now,
                            status,
                            "",
                            "",
                            month,
                        )
                    )
            elapsed = time.perf_counter() - t
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE bench_raw_copy")
            return elapsed

        def timed(execute, sql, params, many, context):
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                if os.environ.get("BENCH_VERBOSE"):
                    print(f"    {time.perf_counter() - t0:6.2f} s  {sql[:100]}")

        first_dicts = as_dicts(first)
        # The tidy-up after the commit (the indexes built again concurrently, the keys the import
        # checked itself validated, VACUUM) is a background task: queued here, not run, and then timed
        # on its own.
        from portal.celery import app as celery_app

        def first_import(rows: list[dict]) -> float:
            celery_app.conf.task_always_eager = False
            t = time.perf_counter()
            with connection.execute_wrapper(timed):
                bulk.load_observations(rows=rows, large=True)
            elapsed = time.perf_counter() - t
            celery_app.conf.task_always_eager = True
            return elapsed

        # Both sides are timed three times, alternating, and the best of each is kept: these machines'
        # speed varies by a third from one second to the next. Each first import starts from the same
        # empty table with all its indexes.
        anchors, imports = [], []
        for attempt in range(3):
            anchors.append(raw_copy(first))
            if attempt:
                with connection.cursor() as cursor:
                    cursor.execute("TRUNCATE monitoring_observation")
                large_load.tidy_up()  # the indexes back on the empty table, at once
            imports.append(first_import(first_dicts))
        anchor_copy, first_s = min(anchors), min(imports)
        loaded = len(first_dicts)
        print(
            "first import / raw COPY, each attempt: "
            + ", ".join(f"{i:.2f} s / {a:.2f} s" for i, a in zip(imports, anchors, strict=True))
        )
        t = time.perf_counter()
        large_load.tidy_up()
        tidy_s = time.perf_counter() - t
        print(
            f"tidy-up after the import, in the background (indexes built concurrently, keys validated, "
            f"VACUUM): {tidy_s:.2f} s"
        )
        print(
            f"first import (best of 3): {loaded:,} observations in {first_s:.1f} s "
            f"= {loaded / first_s:,.0f} rows/s; "
            f"raw binary COPY of the same rows into an unindexed table (best of 3): {anchor_copy:.1f} s"
        )
        figure(
            "first bulk import",
            f"{loaded / first_s:,.0f} rows/s",
            f"raw binary COPY {loaded / anchor_copy:,.0f} rows/s",
            f"{anchor_copy / first_s:.2f}x",
            ">= 0.5x",
            anchor_copy / first_s >= 0.5,
        )
        figure(
            "first bulk import and its background tidy-up together",
            f"{loaded / (first_s + tidy_s):,.0f} rows/s",
            f"raw binary COPY {loaded / anchor_copy:,.0f} rows/s",
            f"{anchor_copy / (first_s + tidy_s):.2f}x",
            "none",
            None,
        )
        del first_dicts
        later_dicts = as_dicts(later)
        celery_app.conf.task_always_eager = False
        t = time.perf_counter()
        added = bulk.load_observations(rows=later_dicts)
        elapsed = time.perf_counter() - t
        celery_app.conf.task_always_eager = True
        t = time.perf_counter()
        large_load.tidy_up()
        print(
            f"incremental import: {added:,} more observations in {elapsed:.1f} s "
            f"= {added / elapsed:,.0f} rows/s (binary COPY into the indexed table); "
            f"VACUUM in the background: {time.perf_counter() - t:.2f} s"
        )
        loaded += added
        del first, later, later_dicts

        one = structures[0]
        n_one = Observation.objects.filter(deployment__structure=one).count()
        statistics.figures(deployments=one.deployments.all(), statuses=["confirmed"])  # warm the buffers
        one_s, figures = best_of(
            3, lambda: statistics.figures(deployments=one.deployments.all(), statuses=["confirmed"])
        )
        print(
            f"statistics of one structure ({n_one:,} observations, selector, best of 3): "
            f"{one_s * 1000:.0f} ms "
            f"-> {figures.events:,} events, {figures.trap_nights:.0f} trap-nights"
        )
        figure("one structure's statistics", f"{one_s * 1000:.0f} ms", "-", "-", "<= 50 ms", one_s <= 0.050)

        raw_sql = (
            'SELECT taxon_id, EXTRACT(MONTH FROM "timestamp" AT TIME ZONE %s) AS m, COUNT(*) '
            "FROM monitoring_observation WHERE review_status = 'confirmed' GROUP BY 1, 2"
        )

        def raw() -> list:
            with connection.cursor() as cursor:
                cursor.execute(raw_sql, [str(tz)])
                return cursor.fetchall()

        raw()
        raw_s, raw_rows = best_of(3, raw)
        every = Deployment.objects.all()
        statistics.species_by_month(deployments=every, statuses=["confirmed"])
        sxm_s, by_month = best_of(
            3, lambda: statistics.species_by_month(deployments=every, statuses=["confirmed"])
        )
        assert sum(map(sum, by_month.values())) == sum(r[2] for r in raw_rows), "selector and SQL disagree"
        figure(
            "province-wide species x month",
            f"{sxm_s * 1000:.0f} ms",
            f"raw SQL {raw_s * 1000:.0f} ms",
            f"{raw_s / sxm_s:.2f}x",
            "<= 300 ms",
            sxm_s <= 0.300,
        )

        client = Client(HTTP_HOST="127.0.0.1")
        for label, url in (
            ("structure page", f"/monitoring/structures/{one.slug}/"),
            ("region page", region.get_absolute_url()),
        ):
            cache.clear()
            t = time.perf_counter()
            status = client.get(url).status_code
            cold = time.perf_counter() - t
            cached, _ = best_of(3, lambda: client.get(url))  # noqa: B023
            print(f"{label}: {cold * 1000:.0f} ms computed, {cached * 1000:.0f} ms cached (status {status})")
            figure(
                f"{label} at {loaded:,} observations",
                f"{cached * 1000:.0f} ms cached",
                f"{cold * 1000:.0f} ms computed",
                f"{cold / cached:.1f}x",
                "cached until the data change",
                cached < cold,
            )
        t = time.perf_counter()
        figures_all = statistics.figures(deployments=Deployment.objects.all(), statuses=["confirmed"])
        print(f"statistics of everything: {time.perf_counter() - t:.2f} s -> {figures_all.events:,} events")
    finally:
        connection.close()
        if not args.keep:
            recreate_database(args.database_url, drop_only=True)


if __name__ == "__main__":
    main()
