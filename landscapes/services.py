"""Writes to the landscapes app: saving regions (boundary and image upkeep) and importing boundaries."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from portal.tasks import enqueue_on_commit

from . import spatial, tasks
from .geometry import parse_area, simplified, simplified_coverage
from .models import Region
from .renditions import make_renditions


def save_region(*, region: Region) -> Region:
    """Save a region with its upkeep; the admin, the boundary import and the demo loader use it.

    ``Region.save()`` itself does nothing more than store the row. Here: the simplified boundary and
    its change stamp follow the boundary, the image renditions are made once per new image, the
    lookup index is dropped in every process, and (with a worker) the brochures are rendered again.
    A boundary changed around this function (``QuerySet.update``, SQL) still reaches the lookup:
    the index notices the changed data itself (``spatial``).
    """
    with transaction.atomic():
        _before_region_saved(region=region)
        region.save()
        _after_region_saved(region=region)
    return region


def _before_region_saved(*, region: Region) -> None:
    """Keep the simplified boundary and its change stamp in step with the boundary."""
    if region.boundary_changed or region.boundary_simplified is None:
        region.boundary_simplified = simplified(parse_area(region.boundary))
        region.boundary_changed_at = timezone.now()


def _after_region_saved(*, region: Region) -> None:
    """Make the image renditions once, when the (now stored) image changed; drop the lookup index."""
    if region.image.name != region.renditions_of or (region.image and not region.image_card):
        replaced = make_renditions(region)
        transaction.on_commit(lambda: delete_files(replaced))
        Region.objects.filter(pk=region.pk).update(
            updated_at=timezone.now(),
            image_thumb=region.image_thumb.name,
            image_card=region.image_card.name,
            image_wide=region.image_wide.name,
            renditions_of=region.renditions_of,
        )
    region._loaded_boundary = region.boundary
    spatial.invalidate()
    transaction.on_commit(spatial.invalidate)
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        # With a worker, the brochures are ready before the first download; without one (make serve,
        # tests) the first download renders them, rather than every save.
        enqueue_on_commit(tasks.render_brochures, region_id=region.pk)


def delete_files(names: list[str]) -> None:
    """Remove stored files nobody refers to any more (called once the change is committed)."""
    for name in names:
        if name:
            default_storage.delete(name)


def resimplify_all_regions() -> None:
    """Simplify all boundaries together so neighbours keep sharing their borders on the map."""
    regions = list(Region.objects.only("id", "boundary"))
    if not regions:
        return
    geoms = [parse_area(r.boundary) for r in regions]
    for region, geojson in zip(regions, simplified_coverage(geoms), strict=True):
        Region.objects.filter(pk=region.pk).update(boundary_simplified=geojson)


def overlapping_regions(*, region: Region, min_share: float = 0.01) -> list[tuple[Region, float]]:
    """Other regions whose boundary covers at least ``min_share`` of this region's area.

    A point in an overlap belongs to two regions and the lookup can answer only one of them.
    """
    area = parse_area(region.boundary)
    result = []
    for other in Region.objects.exclude(pk=region.pk).only("id", "slug", "name_nl", "name_en", "boundary"):
        share = area.intersection(parse_area(other.boundary)).area / area.area
        if share >= min_share:
            result.append((other, share))
    return sorted(result, key=lambda item: -item[1])
