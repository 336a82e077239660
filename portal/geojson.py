"""GeoJSON answers (RFC 7946): one media type, ``application/geo+json``, for every page and API
endpoint that sends a FeatureCollection, so GIS programs and browsers recognise it."""

from django.http import JsonResponse
from rest_framework.renderers import JSONRenderer

GEOJSON_CONTENT_TYPE = "application/geo+json"


def geojson_response(
    collection: dict, *, filename: str | None = None, cache_seconds: int | None = None
) -> JsonResponse:
    """``collection`` (a GeoJSON object) as an ``application/geo+json`` answer; ``filename`` names it
    for a download, ``cache_seconds`` lets browsers and proxies keep it that long."""
    response = JsonResponse(collection, content_type=GEOJSON_CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    if cache_seconds is not None:
        response["Cache-Control"] = f"public, max-age={cache_seconds}"
    return response


class GeoJSONRenderer(JSONRenderer):
    """Lets API views that answer GeoJSON accept ``Accept: application/geo+json`` (DRF refuses a media
    type none of a view's renderers names, with 406)."""

    media_type = GEOJSON_CONTENT_TYPE
    format = "geojson"
