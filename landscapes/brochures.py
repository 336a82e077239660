"""The region brochure: the official PDF when staff uploaded one, else a PDF rendered from the content.

Rendered PDFs are stored under a name that carries a fingerprint of the content they show, so a
second download serves the stored file and any change to the content leads to a new rendering.
"""

import hashlib
import math
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .models import ApplicationArea, Measure, Region, RegionMeasure, Species, SpeciesNeed

GENERATED_DIR = "brochures/generated"
# Bump when the brochure template changes, so stored PDFs are rendered again.
LAYOUT_VERSION = "2"


def brochure_file(*, region: Region, language: str, prefer_generated: bool = False):
    """A readable file with the region's brochure in ``language`` (``nl`` or ``en``)."""
    if region.brochure and not prefer_generated:
        return region.brochure
    name = generated_name(region=region, language=language)
    if not default_storage.exists(name):
        pdf = render_brochure(region=region, language=language)
        _forget_older_versions(region=region, language=language, keep=name)
        name = default_storage.save(name, ContentFile(pdf))
    return default_storage.open(name, "rb")


def content_fingerprint(*, region: Region) -> str:
    """A short hash that changes whenever anything the brochure shows changes."""
    needs = SpeciesNeed.objects.filter(region=region)
    measures = RegionMeasure.objects.filter(region=region)
    stamps = [
        LAYOUT_VERSION,
        region.updated_at,
        region.image.name,
        needs.aggregate(n=Max("updated_at"))["n"],
        needs.count(),
        measures.aggregate(n=Max("updated_at"))["n"],
        measures.count(),
        Species.objects.filter(needs__region=region).aggregate(n=Max("updated_at"))["n"],
        Measure.objects.filter(region_measures__region=region).aggregate(n=Max("updated_at"))["n"],
        # Shown too, but without a change date of their own:
        list(region.municipalities.order_by("name").values_list("name", flat=True)),
        list(region.landscape_types.order_by("code").values_list("name_nl", "name_en")),
        list(ApplicationArea.objects.values_list("code", "heading_nl", "heading_en")),
    ]
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


def generated_name(*, region: Region, language: str) -> str:
    return f"{GENERATED_DIR}/{region.slug}-{language}-{content_fingerprint(region=region)}.pdf"


def _forget_older_versions(*, region: Region, language: str, keep: str) -> None:
    """Delete this brochure's stored renderings of older content (never the current one, which a
    concurrent download may be reading)."""
    try:
        _, files = default_storage.listdir(GENERATED_DIR)
    except FileNotFoundError:
        return
    current = keep.rsplit("/", 1)[-1].removesuffix(".pdf")
    for filename in files:
        if filename.startswith(f"{region.slug}-{language}-") and not filename.startswith(current):
            default_storage.delete(f"{GENERATED_DIR}/{filename}")


def render_brochure(*, region: Region, language: str) -> bytes:
    """Render the brochure PDF with WeasyPrint (imported here: it is slow to import)."""
    from weasyprint import HTML

    with translation.override(language):
        full = selectors.region_page(slug=region.slug)
        html = render_to_string(
            "landscapes/brochure.html",
            {
                "region": full,
                "measure_groups": selectors.measures_by_application_area(region=full),
                "map_svg": boundary_svg(
                    full.boundary_simplified or full.boundary,
                    context=[
                        outline
                        for outline in Region.objects.exclude(pk=full.pk).values_list(
                            "boundary_simplified", flat=True
                        )
                        if outline
                    ],
                ),
                "image_path": _file_uri(full.image_wide) or _file_uri(full.image),
                "generated_on": timezone.localdate(),
            },
        )
    return HTML(string=html, base_url=str(getattr(default_storage, "location", "."))).write_pdf()


def _file_uri(field) -> str:
    if not field:
        return ""
    try:
        return "file://" + default_storage.path(field.name)
    except NotImplementedError:
        return field.url


def _rings(geometry: dict) -> list[list]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def boundary_svg(geometry: dict, *, context: Sequence[dict] = (), width: int = 480, height: int = 360) -> str:
    """The region's outline as SVG, over its neighbours (``context``), in a local equirectangular
    projection fitted to the whole province."""
    rings = _rings(geometry)
    context_rings = [ring for g in context for ring in _rings(g)]
    points = [pt for ring in rings + context_rings for pt in ring]
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = (max_lon - min_lon) * kx or 1e-9
    span_y = (max_lat - min_lat) or 1e-9
    scale = min((width - 20) / span_x, (height - 20) / span_y)
    dx = (width - span_x * scale) / 2
    dy = (height - span_y * scale) / 2

    def path(ring_list: list[list]) -> str:
        parts = []
        for ring in ring_list:
            coords = [
                f"{dx + (lon - min_lon) * kx * scale:.1f},{dy + (max_lat - lat) * scale:.1f}"
                for lon, lat in ring
            ]
            parts.append("M" + " L".join(coords) + " Z")
        return " ".join(parts)

    neighbours = (
        f'<path d="{path(context_rings)}" fill="#f2f4f3" stroke="#9aa59f" stroke-width="0.8"/>'
        if context_rings
        else ""
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">{neighbours}'
        f'<path d="{path(rings)}" fill="#9ed0ab" stroke="#b0102a" stroke-width="2" '
        'fill-rule="evenodd"/></svg>'
    )
