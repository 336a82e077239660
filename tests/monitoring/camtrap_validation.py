"""Validate a Camtrap DP package offline: the profile (remote $refs left out) and the table schemas."""

import copy
import json
from pathlib import Path

import jsonschema
from django.conf import settings
from frictionless import Package, Resource, Schema

SHARED = Path(settings.BASE_DIR).parent.parent / "shared" / "data" / "camtrap-dp-1.0.2"
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "monitoring" / "camtrap-dp-1.0.2"
# The shared copy when the machine has it, else the copy shipped in fixtures/ (schemas and example).
SCHEMAS = SHARED if SHARED.exists() else FIXTURES
EXAMPLE = SCHEMAS / "example"


def _strip_remote_refs(node):
    if isinstance(node, dict):
        return {
            k: _strip_remote_refs(v)
            for k, v in node.items()
            if not (k == "$ref" and isinstance(v, str) and v.startswith("http"))
        }
    if isinstance(node, list):
        return [_strip_remote_refs(v) for v in node]
    return node


def profile_errors(descriptor: dict) -> list[str]:
    profile = _strip_remote_refs(json.loads((SCHEMAS / "camtrap-dp-profile.json").read_text()))
    validator = jsonschema.Draft4Validator(profile, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(copy.deepcopy(descriptor))]


def table_errors(folder: Path) -> list:
    resources = [
        Resource(
            path=f"{name}.csv",
            name=name,
            basepath=str(folder),
            schema=Schema.from_descriptor(json.loads((SCHEMAS / f"{name}-table-schema.json").read_text())),
        )
        for name in ("deployments", "media", "observations")
    ]
    report = Package(resources=resources, basepath=str(folder)).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def package_errors(files: dict[str, str], folder: Path) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return profile_errors(json.loads(files["datapackage.json"])) + table_errors(folder)
