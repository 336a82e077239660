"""Values every page template needs."""

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
