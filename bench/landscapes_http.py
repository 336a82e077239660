"""Requests per second and p50/p99 latency of the region lookup endpoint under gunicorn.

Starts gunicorn (2 sync workers, production settings) on 127.0.0.1 against a throwaway SQLite
database (or ``--database-url`` for PostgreSQL) holding the 18 demonstration regions, sends a
bounded load from this machine, prints the figures and stops everything it started.

    .venv/bin/python bench/landscapes_http.py [--requests 20000] [--concurrency 8] [--database-url URL]
"""

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from production_process import load_regions, production_env

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
BBOX = (4.172, 50.990, 5.262, 51.505)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client_worker(args: tuple) -> tuple[list[float], dict[int, int]]:
    port, paths, threads, deadline = args
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    chunks = [paths[i::threads] for i in range(threads)]

    def run(chunk: list[str]) -> None:
        local, codes = [], {}
        for path in chunk:
            if time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path, headers={"Accept": "application/json"})
            response = conn.getresponse()
            response.read()
            conn.close()
            local.append(time.perf_counter() - t0)
            codes[response.status] = codes.get(response.status, 0) + 1
        with lock:
            latencies.extend(local)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    workers = [threading.Thread(target=run, args=(c,)) for c in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, statuses


def load(
    port: int, paths: list[str], concurrency: int, max_seconds: float
) -> tuple[float, list[float], dict]:
    processes = 2
    per_process = [paths[i::processes] for i in range(processes)]
    deadline = time.monotonic() + max_seconds
    t0 = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(
            pool.map(
                client_worker, [(port, chunk, concurrency // processes, deadline) for chunk in per_process]
            )
        )
    elapsed = time.perf_counter() - t0
    latencies = [x for lat, _ in results for x in lat]
    statuses: dict[int, int] = {}
    for _, codes in results:
        for code, count in codes.items():
            statuses[code] = statuses.get(code, 0) + count
    return elapsed, latencies, statuses


def server_cpu_seconds(master: int) -> float:
    """CPU time (user + system) used so far by gunicorn's worker processes: a figure the other
    users of the machine do not disturb as they do throughput."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def report(label: str, elapsed: float, latencies: list[float], statuses: dict) -> float:
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"{label:<44} {len(latencies) / elapsed:>8,.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms"
        f"   ({len(latencies):,} requests, status {dict(sorted(statuses.items()))})"
    )
    return len(latencies) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=60)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = production_env(workdir, database_url=args.database_url)
    load_regions(env)
    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "portal.wsgi",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        rng = random.Random(7)
        points = [
            (rng.uniform(BBOX[1], BBOX[3]), rng.uniform(BBOX[0], BBOX[2])) for _ in range(args.requests)
        ]
        random_paths = [f"/api/v1/regions/lookup/?lat={lat:.5f}&lon={lon:.5f}" for lat, lon in points]
        load(port, random_paths[:500], args.concurrency, 20)  # warm up both workers (index, connections)
        print(
            f"gunicorn, 2 sync workers, {args.concurrency} concurrent clients on the same 2 cores, "
            f"database {'PostgreSQL' if args.database_url else 'SQLite'}"
        )
        # The anchor and the lookups take turns in a few rounds, so that load from other users of
        # the machine falls on both alike; the ratio is that of the summed rates.
        boom = ["/api/v1/regions/lookup/?lat=51.0875&lon=4.3665"] * args.requests
        series = {
            "anchor: /healthz (JsonResponse, no database)": ["/healthz"] * args.requests,
            "lookup, random points in the bbox (200/404)": random_paths,
            "lookup, a point in Boom (always 200)": boom,
        }
        rounds = 3
        totals: dict[str, tuple[float, list[float], dict]] = {}
        cpu: dict[str, float] = {}
        for r in range(rounds):
            for label, paths in series.items():
                chunk = paths[r::rounds]
                before_cpu = server_cpu_seconds(server.pid)
                elapsed, latencies, statuses = load(port, chunk, args.concurrency, args.max_seconds / rounds)
                cpu[label] = cpu.get(label, 0.0) + server_cpu_seconds(server.pid) - before_cpu
                before = totals.get(label, (0.0, [], {}))
                merged = dict(before[2])
                for code, count in statuses.items():
                    merged[code] = merged.get(code, 0) + count
                totals[label] = (before[0] + elapsed, before[1] + latencies, merged)
        anchor, random_rate, boom_rate = (report(label, *totals[label]) for label in series)
        per_request = {label: cpu[label] / len(totals[label][1]) * 1e6 for label in series}
        anchor_cpu, random_cpu, boom_cpu = per_request.values()
        print(
            f"server CPU per request: anchor {anchor_cpu:.0f} us, lookup random {random_cpu:.0f} us, "
            f"Boom {boom_cpu:.0f} us: the lookup costs the server {anchor_cpu / random_cpu:.2f}x / "
            f"{anchor_cpu / boom_cpu:.2f}x the anchor's rate"
        )
        print(
            f"FIGURE lookup endpoint: {boom_rate:,.0f} req/s (Boom), {random_rate:,.0f} req/s (random); "
            f"anchor JsonResponse {anchor:,.0f} req/s; ratio {boom_rate / anchor:.2f}x / "
            f"{random_rate / anchor:.2f}x (goal >= 0.9x)"
        )
        simple = ["/api/v1/regions.geojson?detail=simplified"] * (args.requests // 10)
        report(
            "regions.geojson?detail=simplified (map)", *load(port, simple, args.concurrency, args.max_seconds)
        )
        print(
            "Reference (performance-notes.md): JsonResponse ~3,700 req/s, DRF APIView ~3,000, "
            "point lookup returning a small JSON ~3,300 req/s. Compare ratios to the baseline line."
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
