"""What this app adds to a region page and to the overview map (see portal/sections.py)."""

from django.http import HttpRequest


def region_section(*, request: HttpRequest, region) -> str:
    return ""


def map_overlay(*, request: HttpRequest) -> dict | None:
    return None
