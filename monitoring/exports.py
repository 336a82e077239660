"""The standard exports of a selection's confirmed observations: one rule for the export page and the API."""

import tempfile
from typing import IO

from django.http import FileResponse
from django.utils import timezone

from . import camtrap, dwc, statistics
from .models import Observation

CAMTRAP_DP, DARWIN_CORE = "camtrap", "dwc"
# An archive is written into a temporary file that stays in memory up to this size and moves to
# disk beyond it, so a large export never holds the whole zip in the server's memory.
SPOOL_MAX_BYTES = 1024 * 1024


def export_archive(*, export_format: str, selection: dict) -> tuple[IO[bytes], str]:
    """The zip archive of the selection's confirmed observations as a Camtrap DP package or a Darwin
    Core Archive, in a temporary file read from its start (the caller closes it), and the file name
    it is downloaded under."""
    stamp = timezone.localdate().isoformat()
    statuses = [Observation.Status.CONFIRMED]
    archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES)  # noqa: SIM115 (the response closes it)
    try:
        if export_format == DARWIN_CORE:
            observations = statistics.in_period(
                Observation.objects.filter(
                    deployment__in=selection["deployments"], review_status__in=statuses
                ),
                start=selection["start"],
                end=selection["end"],
            )
            dwc.write_archive(
                archive,
                observations=observations,
                title=selection["title"],
                deployments=selection["deployments"],
                start=selection["start"],
                end=selection["end"],
            )
            name = f"dwca-{stamp}.zip"
        else:
            camtrap.write_package(
                archive,
                deployments=selection["deployments"],
                statuses=statuses,
                start=selection["start"],
                end=selection["end"],
                title=selection["title"],
            )
            name = f"camtrap-dp-{stamp}.zip"
    except BaseException:
        archive.close()
        raise
    archive.seek(0)
    return archive, name


def export_response(*, export_format: str, selection: dict) -> FileResponse:
    """The download of ``export_archive``: streamed from its temporary file in blocks (closed when
    sent), with its length, ``application/zip`` and its file name as an attachment."""
    archive, name = export_archive(export_format=export_format, selection=selection)
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")
