"""Point-in-region lookups per second, in-process, over 100,000 random points in the province's bbox.

Builds the portal's own RegionIndex (prepared geometries, scanned when few, an STRtree when many)
from the 18 demonstration regions, and for comparison the anchor (a plain prepared ``contains_xy``
scan over the same polygons) and the reference methods of shared/docs/performance-notes.md, in one
run. The FIGURE line gives the portal's single-point rate, the anchor's and their ratio.

    .venv/bin/python bench/landscapes_lookup.py [N]
"""

import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from landscapes import spatial  # noqa: E402
from landscapes.geometry import to_geojson  # noqa: E402
from landscapes.spatial import SCAN_LIMIT, RegionIndex  # noqa: E402

GEO = ROOT / "fixtures" / "landscapes" / "geo"


def regions() -> list[tuple[int, dict]]:
    with open(GEO / "antwerp_municipalities_2025.geojson", encoding="utf-8") as fh:
        features = {f["properties"]["nis"]: f for f in json.load(fh)["features"]}
    with open(GEO / "regions.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        (
            i,
            to_geojson(
                unary_union([shape(features[n]["geometry"]) for n in row["municipality_nis"].split()])
            ),
        )
        for i, row in enumerate(rows, start=1)
    ]


def rate(label: str, n: int, seconds: float, hits: int) -> float:
    print(f"{label:<62} {n / seconds:>12,.0f} lookups/s   ({hits:,} of {n:,} points in a region)")
    return n / seconds


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = regions()
    t0 = time.perf_counter()
    index = RegionIndex.build(rows, stamp=(len(rows), None))
    print(f"index build (18 regions, parse + prepare + STRtree): {1000 * (time.perf_counter() - t0):.1f} ms")
    xmin, ymin, xmax, ymax = unary_union(list(index.geometries)).bounds
    rng = np.random.default_rng(2025)
    lons, lats = rng.uniform(xmin, xmax, n), rng.uniform(ymin, ymax, n)
    print(
        f"{n:,} random points in the province's bounding box {xmin:.3f},{ymin:.3f} – {xmax:.3f},{ymax:.3f}\n"
    )

    t0 = time.perf_counter()
    single = [index.lookup(x, y) for x, y in zip(lons.tolist(), lats.tolist(), strict=True)]
    portal_rate = rate(
        f"portal: RegionIndex.lookup, one point at a time ({'scan' if len(rows) <= SCAN_LIMIT else 'tree'})",
        n,
        time.perf_counter() - t0,
        sum(r is not None for r in single),
    )

    t0 = time.perf_counter()
    many = index.lookup_many(lons, lats)
    rate(
        "portal: RegionIndex.lookup_many, vectorised batch",
        n,
        time.perf_counter() - t0,
        int((many >= 0).sum()),
    )
    assert [None if r < 0 else r for r in many.tolist()] == single, "batch and single lookups disagree"

    m = n // 5
    spatial.SCAN_LIMIT = 0  # the same index, always asking the STRtree first (as with many regions)
    t0 = time.perf_counter()
    tree = [index.lookup(x, y) for x, y in zip(lons[:m].tolist(), lats[:m].tolist(), strict=True)]
    rate(
        "portal: RegionIndex.lookup through the STRtree",
        m,
        time.perf_counter() - t0,
        sum(r is not None for r in tree),
    )
    spatial.SCAN_LIMIT = SCAN_LIMIT
    assert tree == single[:m], "scan and tree lookups disagree"

    # The figure: the portal's lookup and the anchor take turns over the same points in a few
    # rounds, so that load from other users of the machine falls on both alike.
    geoms = index.geometries
    xs, ys = lons.tolist(), lats.tolist()
    portal_s = anchor_s = 0.0
    hits = 0
    rounds = 10
    for r in range(rounds):
        chunk = list(zip(xs[r::rounds], ys[r::rounds], strict=True))
        t0 = time.perf_counter()
        for x, y in chunk:
            index.lookup(x, y)
        portal_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        for x, y in chunk:
            hits += bool(shapely.contains_xy(geoms, x, y).any())
        anchor_s += time.perf_counter() - t0
    portal_rate = rate("portal: RegionIndex.lookup, taking turns with the anchor", n, portal_s, hits)
    anchor = rate("anchor: prepared contains_xy over all 18 (scan)", n, anchor_s, hits)
    print(
        f"\nFIGURE point -> region in process: {portal_rate:,.0f}/s, anchor {anchor:,.0f}/s, "
        f"ratio {portal_rate / anchor:.2f}x (goal >= 1.0x)\n"
    )

    plain = [shapely.from_wkb(shapely.to_wkb(g)) for g in geoms]  # unprepared copies
    m = n // 20
    t0 = time.perf_counter()
    hits = 0
    for x, y in zip(lons[:m].tolist(), lats[:m].tolist(), strict=True):
        p = shapely.Point(x, y)
        hits += any(g.contains(p) for g in plain)
    rate("reference: unprepared poly.contains(point) loop", m, time.perf_counter() - t0, hits)
    print(
        "\nReference figures (performance-notes.md): prepared contains_xy scan 150k–240k/s, "
        "STRtree bbox + prepared contains_xy ~90k/s, unprepared loop ~36k/s."
    )


if __name__ == "__main__":
    main()
