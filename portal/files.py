"""Files written while rows are created: when the rows are rolled back, the files go too."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.fields.files import FieldFile


@contextmanager
def files_removed_on_error() -> Iterator[list[FieldFile]]:
    """Collects the files saved in the block (append each ``FieldFile``); if the block raises, they
    are deleted from storage, so no file stays behind that no row names."""
    saved: list[FieldFile] = []
    try:
        yield saved
    except BaseException:
        for file in saved:
            if file.name:
                file.storage.delete(file.name)
        raise
