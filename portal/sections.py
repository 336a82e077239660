"""Extension points: other apps add sections to a region page and layers to the overview map.

Each app lists its callables in ``settings.REGION_PAGE_SECTIONS`` and ``settings.MAP_OVERLAYS``,
so the landscapes app never imports another app's internals.
"""

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string


@cache
def _load(paths: tuple[str, ...]) -> list[Callable]:
    return [import_string(p) for p in paths]


def region_page_sections(*, request: HttpRequest, region) -> list[str]:
    """HTML sections (already rendered) that other apps show on a region page, empty ones left out."""
    sections = (fn(request=request, region=region) for fn in _load(tuple(settings.REGION_PAGE_SECTIONS)))
    return [html for html in sections if html]


def map_overlays(*, request: HttpRequest) -> list[dict]:
    """Extra map layers: dicts with ``id``, ``name`` and ``url`` of a GeoJSON FeatureCollection.

    Features may carry ``title``, ``url``, ``subtitle`` and ``color`` properties for their popup.
    """
    overlays = (fn(request=request) for fn in _load(tuple(settings.MAP_OVERLAYS)))
    return [o for o in overlays if o]
