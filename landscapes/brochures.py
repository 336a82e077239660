"""The region brochure: the official PDF when staff uploaded one, else a PDF rendered from the content.

Rendered PDFs are stored (in the default storage, shared by all app servers) under a name that
carries a fingerprint of the content they show, so a second download, on any server, serves the
stored file, and any change to the content leads to a new rendering. A lock in the shared cache keeps
two servers from rendering the same brochure at the same time. When a region is saved, a background
task renders its brochures ahead of the first download (``landscapes.tasks``).
"""

import hashlib
import math
import mimetypes
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import quote, unquote

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from portal.pdf import render_pdf

from . import selectors
from .models import ApplicationArea, Measure, Region, RegionMeasure, Species, SpeciesNeed

GENERATED_DIR = "brochures/generated"
# Bump when the brochure template changes, so stored PDFs are rendered again.
LAYOUT_VERSION = "4"
# How long a download waits for another process that is rendering the same brochure.
RENDER_WAIT_SECONDS = 60
STORAGE_SCHEME = "storage:///"


def brochure_file(*, region: Region, language: str, prefer_generated: bool = False):
    """A readable file with the region's brochure in ``language`` (``nl`` or ``en``)."""
    if region.brochure and not prefer_generated:
        return region.brochure
    name = generated_name(region=region, language=language)
    if not default_storage.exists(name):
        with _rendering(name):
            if not default_storage.exists(name):
                pdf = render_brochure(region=region, language=language)
                _forget_older_versions(region=region, language=language, keep=name)
                name = default_storage.save(name, ContentFile(pdf))
    return default_storage.open(name, "rb")


@contextmanager
def _rendering(name: str) -> Iterator[None]:
    """Hold the shared cache's lock for rendering ``name``; wait while another process holds it."""
    key = f"landscapes:brochure-render:{name}"
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while not cache.add(key, 1, RENDER_WAIT_SECONDS) and time.monotonic() < deadline:
        time.sleep(0.25)
    try:
        yield
    finally:
        cache.delete(key)


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
    """Render the brochure PDF in ``language``, also in a background task without a request."""
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
                    title=gettext("Map of the region %(name)s") % {"name": full.name},
                ),
                "image_path": _storage_uri(full.image_wide) or _storage_uri(full.image),
                "generated_on": timezone.localdate(),
                "language": language,
            },
        )
        title = f"{gettext('Landscape image biodiversity')}: {full.name}"
    return render_pdf(html, language=language, title=title, url_fetcher=_storage_fetcher())


def _storage_uri(field) -> str:
    return STORAGE_SCHEME + quote(field.name) if field else ""


def _storage_fetcher():
    """A WeasyPrint URL fetcher that reads the brochure's images through the storage API (local disk
    or object storage alike) and fetches nothing else: rendering never makes a network request."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StorageFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if not url.startswith(STORAGE_SCHEME):
                raise ValueError(f"A brochure only shows stored files, not {url[:80]}")
            name = unquote(url.removeprefix(STORAGE_SCHEME))
            with default_storage.open(name, "rb") as fh:
                body = fh.read()
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, headers={"Content-Type": content_type})

    return StorageFetcher()


def _rings(geometry: dict) -> list[list]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def boundary_svg(
    geometry: dict, *, context: Sequence[dict] = (), width: int = 480, height: int = 360, title: str = ""
) -> str:
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
    # The PDF's tags take the picture's alternative text from its <title>.
    label = f"<title>{escape(title)}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img">{label}{neighbours}'
        f'<path d="{path(rings)}" fill="#9ed0ab" stroke="#b0102a" stroke-width="2" '
        'fill-rule="evenodd"/></svg>'
    )
