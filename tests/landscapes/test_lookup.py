"""Which region contains a point: the index behind the overview map."""

import pytest

from landscapes import selectors
from landscapes.services import save_region

pytestmark = pytest.mark.django_db

BOOM = (4.3665, 51.0875)
TURNHOUT = (4.9447, 51.3227)
# In the Netherlands, between the Baarle-Hertog enclaves (Baarle-Nassau).
BAARLE_NASSAU = (4.9390, 51.4404)
# Inside one of the Baarle-Hertog enclaves.
BAARLE_HERTOG_ENCLAVE = (4.93027, 51.43832)


def test_a_point_in_boom_is_in_rupel_zenne_en_dijle(regions):
    region = selectors.region_for_point(lon=BOOM[0], lat=BOOM[1])
    assert region is not None
    assert region.name_nl == "Rupel, Zenne en Dijle"


def test_a_point_in_turnhout_is_in_turnhoutse_kempen(regions):
    region = selectors.region_for_point(lon=TURNHOUT[0], lat=TURNHOUT[1])
    assert region.slug == "turnhoutse-kempen"


def test_a_point_outside_the_province_has_no_region(regions):
    assert selectors.region_for_point(lon=4.35, lat=50.85) is None  # Brussels


def test_lookup_sees_a_changed_boundary_at_once(regions):
    region = regions["rupel-zenne-dijle"]
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) == region
    region.boundary = regions["turnhoutse-kempen"].boundary
    save_region(region=region)
    regions["turnhoutse-kempen"].delete()
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) is None
    assert selectors.region_for_point(lon=TURNHOUT[0], lat=TURNHOUT[1]) == region


def test_the_netherlands_between_the_baarle_hertog_enclaves_is_in_no_region(regions):
    assert selectors.region_for_point(lon=BAARLE_NASSAU[0], lat=BAARLE_NASSAU[1]) is None
    enclave = selectors.region_for_point(lon=BAARLE_HERTOG_ENCLAVE[0], lat=BAARLE_HERTOG_ENCLAVE[1])
    assert enclave.slug == "open-landschap-noorderkempen"


def test_every_municipality_lies_in_its_own_region(regions):
    from landscapes.models import Municipality
    from tests.landscapes.factories import municipality_points

    points = municipality_points()
    for municipality in Municipality.objects.select_related("region"):
        lon, lat = points[municipality.nis_code]
        assert selectors.region_for_point(lon=lon, lat=lat) == municipality.region, municipality.name


def test_batch_lookup_agrees_with_single_lookups(regions):
    import numpy as np

    from landscapes import spatial

    index = spatial.get_index()
    rng = np.random.default_rng(7)
    lons, lats = rng.uniform(4.1, 5.3, 500), rng.uniform(50.95, 51.5, 500)
    many = index.lookup_many(lons, lats)
    single = [index.lookup(x, y) for x, y in zip(lons, lats, strict=True)]
    assert [None if r == -1 else r for r in many.tolist()] == single
    assert sum(r is not None for r in single) > 100


def test_a_boundary_saved_by_another_process_changes_the_lookup_at_once(regions):
    """Another app server saved the region: this process learns it from the shared cache's version
    number, without waiting for its own periodic check of the database."""
    from django.core.cache import cache

    from landscapes import spatial
    from landscapes.models import Region

    region = regions["rupel-zenne-dijle"]
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) == region
    # What the other server's save leaves behind: the new boundary in the database (same stamp,
    # as if within the same second) and a bumped version in the shared cache.
    Region.objects.filter(pk=region.pk).update(boundary=regions["turnhoutse-kempen"].boundary)
    Region.objects.filter(pk=regions["turnhoutse-kempen"].pk).update(boundary=region.boundary)
    Region.objects.filter(pk__in=[region.pk, regions["turnhoutse-kempen"].pk]).update(
        updated_at=region.updated_at
    )
    cache.set(spatial.VERSION_KEY, cache.get(spatial.VERSION_KEY, 0) + 1, None)

    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]).slug == "turnhoutse-kempen"


def test_a_boundary_changed_by_a_queryset_update_reaches_the_lookup_at_the_next_check(regions, monkeypatch):
    """No service, no signal, no cache bump, the same ``updated_at``: the index's stamp is derived from
    the boundaries themselves, so its periodic check of the database still notices the change."""
    from landscapes import spatial
    from landscapes.models import Region

    region, other = regions["rupel-zenne-dijle"], regions["turnhoutse-kempen"]
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) == region
    Region.objects.filter(pk=region.pk).update(boundary=other.boundary)
    Region.objects.filter(pk=other.pk).update(boundary=region.boundary)
    Region.objects.filter(pk__in=[region.pk, other.pk]).update(updated_at=region.updated_at)
    monkeypatch.setattr(spatial, "STALE_AFTER_SECONDS", 0.0)  # the periodic check is due

    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) == other


def test_saving_a_region_tells_the_other_processes_through_the_shared_cache(regions):
    from django.core.cache import cache

    from landscapes import spatial

    before = cache.get(spatial.VERSION_KEY, 0)
    region = regions["rupel-zenne-dijle"]
    region.boundary = regions["turnhoutse-kempen"].boundary
    save_region(region=region)
    assert cache.get(spatial.VERSION_KEY, 0) > before


def _points_on_inside_and_outside_the_regions(index) -> list[tuple[float, float]]:
    """Corners and edge midpoints of every boundary (many shared by two regions), random points in
    and around the province, and points far outside."""
    import numpy as np
    import shapely

    points: list[tuple[float, float]] = []
    for geometry in index.geometries:
        coords = shapely.get_coordinates(shapely.boundary(geometry))
        corners = coords[:: max(1, len(coords) // 150)]
        points += [tuple(c) for c in corners.tolist()]
        points += [tuple(c) for c in ((corners[:-1] + corners[1:]) / 2).tolist()]
    xmin, ymin, xmax, ymax = shapely.total_bounds(index.geometries)
    rng = np.random.default_rng(12)
    lons, lats = rng.uniform(xmin - 0.2, xmax + 0.2, 2000), rng.uniform(ymin - 0.2, ymax + 0.2, 2000)
    points += list(zip(lons.tolist(), lats.tolist(), strict=True))
    points += [(0.0, 0.0), (4.35, 50.85), (-180.0, -90.0), (180.0, 90.0)]
    return points


def test_scanning_all_regions_and_asking_the_tree_give_the_same_region(regions, monkeypatch):
    """With few regions a point is tested against all of them, with many the STRtree is asked
    first: on shared boundaries, corners, inside and outside both give the same answer."""
    from landscapes import spatial

    index = spatial.get_index()
    assert len(index.geometries) <= spatial.SCAN_LIMIT
    points = _points_on_inside_and_outside_the_regions(index)
    scanned = [index.lookup(lon, lat) for lon, lat in points]
    monkeypatch.setattr(spatial, "SCAN_LIMIT", 0)
    through_tree = [index.lookup(lon, lat) for lon, lat in points]

    assert scanned == through_tree
    assert scanned[0] is not None  # a point on a boundary belongs to a region
    assert scanned[-4:] == [None, None, None, None]
    assert len(set(scanned) - {None}) == len(index.geometries)


def test_without_any_region_no_point_has_one(db):
    assert selectors.region_for_point(lon=BOOM[0], lat=BOOM[1]) is None
