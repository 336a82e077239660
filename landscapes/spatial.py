"""The in-process spatial index that answers "which region contains this point?".

Built once per process from the regions' boundaries (prepared geometries, and an STRtree over
them) and rebuilt when a region changes. With few regions (the province has 18) a single point is
tested against all of them at once with one vectorised ``intersects_xy`` call, which is quicker than
asking the tree for candidates first; beyond ``SCAN_LIMIT`` regions the tree narrows them down first.

Saving a region through ``services.save_region`` bumps a version number in the shared cache (Redis
when ``REDIS_URL`` is set), which every process reads on each lookup: other app servers and workers
answer with the new boundary from their next lookup after the commit. A change that bypasses the
service (``QuerySet.update``, ``bulk_update``, SQL) is noticed within ``STALE_AFTER_SECONDS``: the
index's stamp is derived from the data itself, an MD5 digest of each region's boundary computed by
the database (a few short strings travel, never the boundaries), with the regions' latest change.
"""

import threading
import time
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.core.cache import cache
from shapely import STRtree

from .geometry import GeometryError, parse_area

STALE_AFTER_SECONDS = 5.0
# Up to this many regions a point is tested against all of them; beyond it the STRtree is asked first.
SCAN_LIMIT = 64
VERSION_KEY = "landscapes:region-index-version"


@dataclass(frozen=True)
class RegionIndex:
    region_ids: np.ndarray
    geometries: np.ndarray
    tree: STRtree
    stamp: tuple
    version: int = 0
    # Answers worth keeping as long as the regions do not change (e.g. serialised region summaries).
    memo: dict = field(default_factory=dict)
    # The ids as Python ints, read once per lookup without converting a NumPy scalar.
    id_list: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id_list", tuple(self.region_ids.tolist()))

    @classmethod
    def build(cls, rows: list[tuple[int, dict]], stamp: tuple, version: int = 0) -> "RegionIndex":
        ids, geoms = [], []
        for region_id, boundary in rows:
            try:
                geoms.append(parse_area(boundary))
            except GeometryError:
                continue
            ids.append(region_id)
        geometries = np.array(geoms, dtype=object)
        shapely.prepare(geometries)
        return cls(np.array(ids, dtype=np.int64), geometries, STRtree(geometries), stamp, version)

    def lookup(self, lon: float, lat: float) -> int | None:
        """The id of the region containing the point (boundary included), or None.

        Where regions overlap or share the boundary the point lies on, the first region built wins,
        whichever way the point is tested.
        """
        if len(self.geometries) == 0:
            return None  # no regions loaded yet: every place is outside
        if len(self.geometries) <= SCAN_LIMIT:
            hits = shapely.intersects_xy(self.geometries, lon, lat)
            first = int(hits.argmax())
            return self.id_list[first] if hits[first] else None
        candidates = self.tree.query(shapely.Point(lon, lat))
        if len(candidates) == 0:
            return None
        hits = shapely.intersects_xy(self.geometries[candidates], lon, lat)
        found = candidates[hits]
        return int(self.region_ids[found.min()]) if len(found) else None

    def lookup_many(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Region ids for arrays of points, -1 where no region contains the point."""
        points = shapely.points(lons, lats)
        point_idx, geom_idx = self.tree.query(points, predicate="intersects")
        result = np.full(len(points), -1, dtype=np.int64)
        result[point_idx[::-1]] = self.region_ids[geom_idx[::-1]]
        return result


_lock = threading.Lock()
_index: RegionIndex | None = None
_checked_at = 0.0


def _current_stamp() -> tuple:
    """What the index depends on, read from the data: each region's boundary digest, and the latest
    change of any region (the memo keeps serialised regions, names included)."""
    from django.db.models import Max, TextField
    from django.db.models.functions import MD5, Cast

    from .models import Region

    digests = tuple(
        Region.objects.order_by("id").values_list("id", MD5(Cast("boundary", output_field=TextField())))
    )
    return (digests, Region.objects.aggregate(changed=Max("updated_at"))["changed"])


def _shared_version() -> int:
    return cache.get(VERSION_KEY, 0)


def get_index() -> RegionIndex:
    """The process's index, rebuilt when the regions changed (in this or any other process)."""
    global _index, _checked_at
    version = _shared_version()
    index = _index
    if (
        index is not None
        and index.version == version
        and time.monotonic() - _checked_at < STALE_AFTER_SECONDS
    ):
        return index
    with _lock:
        stamp = _current_stamp()
        if _index is None or _index.stamp != stamp or _index.version != version:
            from .models import Region

            rows = list(Region.objects.values_list("id", "boundary"))
            _index = RegionIndex.build(rows, stamp, version)
        _checked_at = time.monotonic()
        return _index


def invalidate() -> None:
    """Forget the index here and tell the other processes (called when a region changes)."""
    global _index
    with _lock:
        _index = None
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
