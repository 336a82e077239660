"""Camtrap DP 1.0.2: export a selection (``export``) and import a package (``importer``)."""

from .export import HIDDEN_MEDIA_KINDS, build_package, table_schema, write_package, zip_files
from .importer import PackageError, import_package, read_package

__all__ = [
    "HIDDEN_MEDIA_KINDS",
    "PackageError",
    "build_package",
    "import_package",
    "read_package",
    "table_schema",
    "write_package",
    "zip_files",
]
