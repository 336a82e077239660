"""Migrations are history: what they need is written inside them, so editing live code or fixture
files never changes what an old migration does on a database that has not run it yet."""

import ast
from pathlib import Path

import pytest
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


FOLD_LINE_BREAKS = [
    ("advice", "0004_fold_line_breaks"),
    ("biodiva", "0010_fold_line_breaks"),
    ("meetings", "0005_fold_line_breaks"),
    ("monitoring", "0012_fold_line_breaks"),
]
# The second round: every other text field of the six apps became one line.
FOLD_THE_REST = [
    ("landscapes", "0006_fold_line_breaks"),
    ("meetings", "0007_fold_line_breaks"),
    ("biodiva", "0012_fold_line_breaks"),
    ("monitoring", "0014_fold_line_breaks"),
    ("advice", "0006_fold_line_breaks"),
    ("projects", "0004_fold_line_breaks"),
]


def _run_data_migration(app_label: str, name: str) -> None:
    """Run a migration's RunPython functions on the test database with the models as that migration
    sees them, as ``migrate`` would (these functions use no schema editor)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    loader = MigrationLoader(connection)
    state_apps = loader.project_state((app_label, name), at_end=True).apps
    for operation in loader.graph.nodes[(app_label, name)].operations:
        if isinstance(operation, RunPython):
            operation.code(state_apps, None)


@pytest.mark.django_db
def test_names_titles_and_organisations_stored_with_line_breaks_are_folded_onto_one_line():
    """Rows saved before the fields refused line breaks: each run of them (with the spaces around
    it) becomes one space, a tab stays, and a site whose folded name its company has already is
    numbered (one name per company)."""
    from advice.models import AdviceRequest
    from biodiva.models import Company, Site
    from meetings.models import Meeting, Outcome, Registration
    from monitoring.models import Observation
    from tests.advice.factories import AdviceRequestFactory
    from tests.biodiva.factories import CompanyFactory, SiteFactory
    from tests.meetings.factories import MeetingFactory, OutcomeFactory, RegistrationFactory
    from tests.monitoring.factories import ObservationFactory

    AdviceRequestFactory(name="Jan\r\nJanssens", phone="03 123\n45 67", organisation="Hoeve\u2028Zonnedauw")
    company = CompanyFactory(name="Bedrijf\nBoom")
    SiteFactory(company=company, name="Werf 1")
    SiteFactory(company=company, name="Werf\r\n1", address="Kerkstraat 1\r\n2850 Boom")
    meeting = MeetingFactory(title_nl="Overleg\r\n\r\nBcc: x@example.org", title_en="Meeting")
    edited = Meeting.objects.get().updated_at
    RegistrationFactory(meeting=meeting, name="An \n Peeters", organisation="Natuurpunt")
    OutcomeFactory(meeting=meeting, title_nl="Plan", contact="An\x0bPeeters")
    ObservationFactory(identified_by="Jan\tPeeters\n")
    ObservationFactory(identified_by="Jan\u2029Peeters")

    for app_label, name in FOLD_LINE_BREAKS:
        _run_data_migration(app_label, name)

    assert list(AdviceRequest.objects.values_list("name", "phone", "organisation")) == [
        ("Jan Janssens", "03 123 45 67", "Hoeve Zonnedauw")
    ]
    assert Company.objects.get().name == "Bedrijf Boom"
    assert sorted(Site.objects.values_list("name", "address")) == [
        ("Werf 1", "Kerkstraat 1, 2850 Boom"),
        ("Werf 1 (2)", "Kerkstraat 1 2850 Boom"),
    ]
    assert Meeting.objects.values_list("title_nl", "title_en", "updated_at").get() == (
        "Overleg Bcc: x@example.org",
        "Meeting",
        edited,
    )
    assert Registration.objects.values_list("name", "organisation").get() == ("An Peeters", "Natuurpunt")
    assert Outcome.objects.values_list("title_nl", "contact").get() == ("Plan", "An Peeters")
    assert sorted(Observation.objects.values_list("identified_by", flat=True)) == [
        "Jan\tPeeters",
        "Jan Peeters",
    ]


@pytest.mark.django_db
def test_the_other_one_line_fields_stored_with_line_breaks_are_folded_but_identifiers_never_clash():
    """The fields that refused line breaks only later (every CharField of the six apps, see
    tests/test_one_line_fields.py): each run becomes one space and a tab stays. An identifier (a
    scientific name, a NIS code, a deployment code) whose folded value another row has already is
    left for a person to merge: neither failing the migration nor inventing "Vulpes vulpes (2)"."""
    from advice.models import HistoryEntry
    from biodiva.models import Choice, Question
    from landscapes.models import Municipality, Region, Species
    from meetings.models import Meeting, Registration
    from monitoring.models import Deployment, Observation, Structure, Taxon
    from projects.models import Project
    from tests.advice.factories import AdviceRequestFactory
    from tests.biodiva.factories import ChoiceFactory
    from tests.landscapes.factories import RegionFactory, SpeciesFactory
    from tests.meetings.factories import MeetingFactory, RegistrationFactory
    from tests.monitoring.factories import DeploymentFactory, ObservationFactory, StructureFactory
    from tests.projects.factories import ProjectFactory

    region = RegionFactory(name_nl="Kempen\r\nNoord", short_description_en="Heath\u2028and fens")
    edited = Region.objects.values_list("updated_at", flat=True).get(pk=region.pk)
    Municipality.objects.create(nis_code="11001", name="Aartselaar")
    Municipality.objects.create(nis_code="11002", name="Aartse\nlaar")
    Municipality.objects.create(nis_code="9999", name="Proef")
    Municipality.objects.create(nis_code="9999\n", name="Kapot")
    SpeciesFactory(scientific_name="Bufo  \n bufo", name_nl="pad", photo_credit="Jan\tPeeters\n")
    meeting = MeetingFactory(venue_address="Markt 1\r\n2850 Boom")
    RegistrationFactory(meeting=meeting, dietary_needs="vegetarisch\nlactosevrij")
    ChoiceFactory(label_nl="ja,\nzeker", question__text_nl="Heeft u\neen vijver?")
    structure = StructureFactory(name="Ecoduct\nKempengrens", crosses_name="E34\r\n")
    first = DeploymentFactory(structure=structure, code="cam-1")
    DeploymentFactory(structure=structure, code="cam\n-1", setup_by="An\u2029Peeters")
    Taxon.objects.create(scientific_name="Vulpes\r\nvulpes", name_nl="geïmporteerd", name_en="imported")
    ObservationFactory(deployment=first, behaviour="grazing\nwalking", external_id="obs\x0b1")
    history = AdviceRequestFactory().history.create(
        action="declined", status="declined", detail="Te laat.\n\nSorry."
    )
    ProjectFactory(title_nl="Groene\nwerf", title_en="Green site")

    for app_label, name in FOLD_THE_REST:
        _run_data_migration(app_label, name)

    assert Region.objects.values_list("name_nl", "short_description_en", "updated_at").get(pk=region.pk) == (
        "Kempen Noord",
        "Heath and fens",
        edited,
    )
    assert sorted(Municipality.objects.values_list("name", flat=True)) == [
        "Aartse laar",
        "Aartselaar",
        "Kapot",
        "Proef",
    ]
    assert Municipality.objects.values_list("nis_code", flat=True).get(name="Aartse laar") == "11002"
    assert Municipality.objects.get(nis_code="9999\n").name == "Kapot"  # "9999" exists: left as it is
    assert Species.objects.values_list("scientific_name", "photo_credit").get(name_nl="pad") == (
        "Bufo bufo",
        "Jan\tPeeters",
    )
    assert Meeting.objects.values_list("venue_address", flat=True).get() == "Markt 1 2850 Boom"
    assert Registration.objects.values_list("dietary_needs", flat=True).get() == "vegetarisch lactosevrij"
    assert Choice.objects.values_list("label_nl", flat=True).get() == "ja, zeker"
    assert Question.objects.values_list("text_nl", flat=True).get() == "Heeft u een vijver?"
    assert Structure.objects.values_list("name", "crosses_name").get() == ("Ecoduct Kempengrens", "E34")
    assert sorted(Deployment.objects.values_list("code", "setup_by")) == [
        ("cam -1", "An Peeters"),
        ("cam-1", ""),
    ]
    assert Taxon.objects.get(scientific_name="Vulpes\r\nvulpes").name_nl == "geïmporteerd"  # to merge
    assert not Taxon.objects.filter(scientific_name__endswith="(2)").exists()
    assert Taxon.objects.get(scientific_name="Vulpes vulpes").name_nl == "vos"
    assert Observation.objects.values_list("behaviour", "external_id").get() == ("grazing walking", "obs 1")
    assert HistoryEntry.objects.values_list("detail", flat=True).get(pk=history.pk) == "Te laat. Sorry."
    assert Project.objects.values_list("title_nl", "title_en").get() == ("Groene werf", "Green site")
