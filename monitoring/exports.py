"""The standard exports of a selection's confirmed observations: one rule for the export page and the API."""

import io

from django.utils import timezone

from . import camtrap, dwc, statistics
from .models import Observation

CAMTRAP_DP, DARWIN_CORE = "camtrap", "dwc"


def export_archive(*, export_format: str, selection: dict) -> tuple[bytes, str]:
    """The zip archive of the selection's confirmed observations as a Camtrap DP package or a Darwin
    Core Archive, and the file name it is downloaded under."""
    stamp = timezone.localdate().isoformat()
    statuses = [Observation.Status.CONFIRMED]
    if export_format == DARWIN_CORE:
        observations = statistics.in_period(
            Observation.objects.filter(deployment__in=selection["deployments"], review_status__in=statuses),
            start=selection["start"],
            end=selection["end"],
        )
        archive = dwc.build_archive(
            observations=observations,
            title=selection["title"],
            deployments=selection["deployments"],
            start=selection["start"],
            end=selection["end"],
        )
        return archive, f"dwca-{stamp}.zip"
    buffer = io.BytesIO()
    camtrap.write_package(
        buffer,
        deployments=selection["deployments"],
        statuses=statuses,
        start=selection["start"],
        end=selection["end"],
        title=selection["title"],
    )
    return buffer.getvalue(), f"camtrap-dp-{stamp}.zip"
