"""Dutch is complete: every catalogue is fully translated and its compiled .mo is up to date."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    p for p in ROOT.glob("*/locale/nl/LC_MESSAGES/django.po") if not p.is_relative_to(ROOT / ".venv")
)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr / msgstr[n], and flags."""
    entries, entry, key = [], {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line[2:].replace(" ", "").split(",")
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return [e for e in entries if e.get("msgid")]


def test_there_are_catalogues_for_the_portal_and_the_landscapes():
    apps = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"portal", "landscapes"} <= apps


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path):
    entries = parse_po(po_path)
    assert entries
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", [])]
    assert fuzzy == [], "fuzzy entries"
    untranslated = [e["msgid"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))]
    assert untranslated == [], "untranslated entries"
    with open(po_path.with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for e in entries:
        if "msgid_plural" in e:
            assert compiled.ngettext(e["msgid"], e["msgid_plural"], 1) == e["msgstr[0]"], e["msgid"]
        else:
            context = e.get("msgctxt")
            got = compiled.pgettext(context, e["msgid"]) if context else compiled.gettext(e["msgid"])
            assert got == e["msgstr"], f"{e['msgid']!r}: the .mo is out of date (run compilemessages)"
