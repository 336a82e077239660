"""What every map of the portal shares: the background layers, the province's extent and the texts.

The scripts get it in one way only: ``{% map_config %}`` (``portal_maps`` template tags) writes
``map_config()`` into the page as a ``json_script`` element that ``static/js/portal-map.js`` reads.
Pages add their own data the same way, in ``json_script`` elements of their own.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext as _

# The province of Antwerp (Statbel 2025), south-west and north-east corners as [lat, lon].
PROVINCE_BOUNDS = [[50.990, 4.172], [51.506, 5.263]]
# Municipality names appear from this zoom level on (the whole province is at about 9.5).
LABELS_FROM_ZOOM = 11

_WMTS = (
    "https://geo.api.vlaanderen.be/{service}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=&FORMAT=image/{format}&TILEMATRIXSET=GoogleMapsVL"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}"
)
_DIGITAAL_VLAANDEREN = (
    '&copy; <a href="https://www.vlaanderen.be/digitaal-vlaanderen/onze-oplossingen/'
    'geografische-webdiensten">Digitaal Vlaanderen</a>'
)
BACKGROUNDS = ("vlaanderen", "custom", "none")


def base_layers() -> list[dict]:
    """The background layers in the order offered, the first shown; empty for no background.

    ``settings.MAP_BACKGROUND``: ``vlaanderen`` (the production default) uses Digitaal
    Vlaanderen's public WMTS, the GRB base map with the orthophotos as an alternative; ``custom``
    one tile server (``MAP_TILE_URL``, ``MAP_TILE_ATTRIBUTION``); ``none`` no background, so no
    request leaves the portal (the default of ``make serve`` and the tests).
    """
    background = settings.MAP_BACKGROUND
    if background not in BACKGROUNDS:
        raise ImproperlyConfigured(
            f"MAP_BACKGROUND must be one of {', '.join(BACKGROUNDS)}, not {background!r}"
        )
    if background == "vlaanderen":
        return [
            {
                "id": "grb",
                "name": _("Base map (GRB)"),
                "url": _WMTS.format(service="GRB", layer="grb_bsk", format="png"),
                "attribution": _("Base map: %(source)s") % {"source": _DIGITAAL_VLAANDEREN},
                "maxZoom": 20,
            },
            {
                "id": "orthophoto",
                "name": _("Aerial photos"),
                "url": _WMTS.format(service="OMWRGBMRVL", layer="omwrgbmrvl", format="png"),
                "attribution": _("Aerial photos: %(source)s") % {"source": _DIGITAAL_VLAANDEREN},
                "maxZoom": 20,
            },
        ]
    if background == "custom" and settings.MAP_TILE_URL:
        return [
            {
                "id": "custom",
                "name": _("Background map"),
                "url": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "maxZoom": 19,
            }
        ]
    return []


def map_config() -> dict:
    """Everything ``portal-map.js`` needs, in the active language."""
    return {
        "bounds": PROVINCE_BOUNDS,
        "baseLayers": base_layers(),
        "municipalities": reverse("municipalities-geojson"),
        "labelsFromZoom": LABELS_FROM_ZOOM,
        "texts": {
            "boundaries": _("Boundaries: Statbel, statistical sectors 2025"),
            "panel": _("Map layers and legend"),
            "background": _("Background"),
            "noBackground": _("No background"),
            "municipalities": _("Municipal borders and names"),
        },
    }
