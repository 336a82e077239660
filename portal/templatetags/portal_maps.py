"""``{% map_config %}``: the shared map configuration as a ``json_script`` element (see portal.maps)."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from portal import maps

register = template.Library()

MAP_CONFIG_ID = "map-config"


@register.simple_tag
def map_config() -> SafeString:
    return json_script(maps.map_config(), MAP_CONFIG_ID)
