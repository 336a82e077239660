"""Background work of the landscapes app: brochures rendered before anyone asks for them."""

from celery import shared_task

from . import brochures
from .models import Region


@shared_task(name="landscapes.render_brochures")
def render_brochures(*, region_id: int) -> int:
    """Render and store the region's portal brochure in each language (skipped when stored already)."""
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        return 0
    for language in ("nl", "en"):
        brochures.brochure_file(region=region, language=language, prefer_generated=True).close()
    return 2
