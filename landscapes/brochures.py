"""The region brochure: the official PDF when staff uploaded one, else a PDF rendered from the content.

Rendered PDFs are stored under a name that carries a fingerprint of the content they show, so a
second download serves the stored file and any change to the content leads to a new rendering.
"""

import hashlib
import math

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .models import Measure, Region, RegionMeasure, Species, SpeciesNeed

GENERATED_DIR = "brochures/generated"
# Bump when the brochure template changes, so stored PDFs are rendered again.
LAYOUT_VERSION = "1"


def brochure_file(*, region: Region, language: str, prefer_generated: bool = False):
    """A readable file with the region's brochure in ``language`` (``nl`` or ``en``)."""
    if region.brochure and not prefer_generated:
        return region.brochure
    name = generated_name(region=region, language=language)
    if not default_storage.exists(name):
        pdf = render_brochure(region=region, language=language)
        _forget_older_versions(region=region, language=language)
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
    ]
    return hashlib.sha256(repr(stamps).encode()).hexdigest()[:16]


def generated_name(*, region: Region, language: str) -> str:
    return f"{GENERATED_DIR}/{region.slug}-{language}-{content_fingerprint(region=region)}.pdf"


def _forget_older_versions(*, region: Region, language: str) -> None:
    try:
        _, files = default_storage.listdir(GENERATED_DIR)
    except FileNotFoundError:
        return
    for filename in files:
        if filename.startswith(f"{region.slug}-{language}-"):
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
                "map_svg": boundary_svg(full.boundary_simplified or full.boundary),
                "image_path": _file_uri(full.image_wide) or _file_uri(full.image),
                "generated_on": timezone.localdate(),
            },
        )
    return HTML(string=html, base_url=str(default_storage.location)).write_pdf()


def _file_uri(field) -> str:
    if not field:
        return ""
    try:
        return "file://" + default_storage.path(field.name)
    except NotImplementedError:
        return field.url


def boundary_svg(geometry: dict, *, width: int = 480, height: int = 360) -> str:
    """The region's outline as an SVG path, in a local equirectangular projection."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    points = [pt for polygon in polygons for ring in polygon for pt in ring]
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
    parts = []
    for polygon in polygons:
        for ring in polygon:
            coords = [
                f"{dx + (lon - min_lon) * kx * scale:.1f},{dy + (max_lat - lat) * scale:.1f}"
                for lon, lat in ring
            ]
            parts.append("M" + " L".join(coords) + " Z")
    path = " ".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<path d="{path}" fill="#cfe6d6" stroke="#b0102a" stroke-width="2" fill-rule="evenodd"/></svg>'
    )
