"""Migrations are history: what they need is written inside them, so editing live code or fixture
files never changes what an old migration does on a database that has not run it yet."""

import ast
from pathlib import Path

from django.conf import settings

PROJECT_APPS = ("portal", "landscapes", "meetings", "biodiva", "monitoring", "advice", "projects")


def _migration_files() -> list[Path]:
    return sorted(p for p in Path(settings.BASE_DIR).glob("*/migrations/0*.py"))


def _project_imports(path: Path) -> list[str]:
    """Project modules imported inside the migration's functions (what RunPython runs).

    Schema migrations may refer to validators and upload paths at module level: Django writes those
    references itself, and they must stay importable anyway.
    """
    found = []
    functions = [
        n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.FunctionDef)
    ]
    for node in (inner for fn in functions for inner in ast.walk(fn)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PROJECT_APPS:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in PROJECT_APPS]
    return found


def test_there_are_migrations_to_check() -> None:
    assert len(_migration_files()) >= 10


def test_data_migrations_import_no_project_code() -> None:
    offenders = {p.relative_to(settings.BASE_DIR).as_posix(): _project_imports(p) for p in _migration_files()}
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_migrations_read_no_fixture_files() -> None:
    readers = [
        p.relative_to(settings.BASE_DIR).as_posix()
        for p in _migration_files()
        if any(reader in p.read_text(encoding="utf-8") for reader in ("open(", "read_text(", "csv."))
    ]
    assert readers == []
