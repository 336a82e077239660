"""Demo content: four monitored passages in different regions, their deployments and observations.

Safe to run again: structures, deployments, users and observations are matched on natural keys.
"""

import random
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .constants import ECOLOGISTS, STUDENTS
from .models import Deployment, DeploymentFailure, Observation, Structure, Taxon
from .services import save_structure
from .taxa import seed_taxa

DEMO_PASSWORD = "demo-monitoring-2025"
STRUCTURES: list[dict[str, Any]] = [
    {
        "slug": "ecoduct-kempengrens",
        "name": "Ecoduct Kempengrens",
        "structure_type": Structure.Type.ECODUCT,
        "latitude": 51.2705,
        "longitude": 5.0990,
        "crosses": Structure.Crosses.ROAD,
        "crosses_name": "N18",
        "length_m": 60,
        "width_m": 50,
        "construction_year": 2019,
        "description": "Wildbrug met heide en een zandstrook die de bossen aan beide kanten verbindt.",
        "description_en": "Wildlife bridge with heath and a sand strip linking the forests on both sides.",
    },
    {
        "slug": "faunatunnel-n16-tisselt",
        "name": "Faunatunnel N16 Tisselt",
        "structure_type": Structure.Type.FAUNA_TUNNEL,
        "latitude": 51.0560,
        "longitude": 4.3700,
        "crosses": Structure.Crosses.ROAD,
        "crosses_name": "N16",
        "length_m": 28,
        "width_m": 2,
        "height_m": 1.5,
        "construction_year": 2014,
        "description": "Betonnen kokertunnel onder de N16 met een zandbodem en geleidende rasters.",
        "description_en": "Concrete box tunnel under the N16 with a sand floor and guiding fences.",
        "open_for_students": True,
        "student_tasks": "Bekijk de camerabeelden en herken de soorten; lees de sporenplaten af.",
    },
    {
        "slug": "paddentunnel-zoerselbos",
        "name": "Paddentunnel Zoerselbos",
        "structure_type": Structure.Type.AMPHIBIAN_TUNNEL,
        "latitude": 51.2440,
        "longitude": 4.6600,
        "crosses": Structure.Crosses.ROAD,
        "crosses_name": "Halle-Dorp",
        "length_m": 9,
        "width_m": 0.5,
        "height_m": 0.5,
        "construction_year": 2011,
        "description": (
            "Drie amfibieëntunnels met geleidingswanden tussen het bos en de voortplantingspoelen."
        ),
        "description_en": (
            "Three amphibian tunnels with guiding walls between the wood and the breeding ponds."
        ),
        "open_for_students": True,
        "student_tasks": "Tel de amfibieën die in maart en april door de tunnels trekken.",
    },
    {
        "slug": "duiker-looprichel-grote-nete",
        "name": "Duiker met looprichel Grote Nete",
        "structure_type": Structure.Type.CULVERT_LEDGE,
        "latitude": 51.1330,
        "longitude": 4.9900,
        "crosses": Structure.Crosses.ROAD,
        "crosses_name": "N19",
        "length_m": 22,
        "width_m": 3,
        "height_m": 1.8,
        "construction_year": 2016,
        "description": (
            "Duiker van een beek met een droge looprichel voor otter, bunzing en kleine zoogdieren."
        ),
        "description_en": "Culvert of a brook with a dry ledge for otter, polecat and small mammals.",
    },
]
# (structure, code, method, position, start, days)
DEPLOYMENTS = [
    ("ecoduct-kempengrens", "demo-eco-a-2025", Deployment.Method.CAMERA, "A", (2025, 3, 1), 120),
    ("ecoduct-kempengrens", "demo-eco-b-2025", Deployment.Method.CAMERA, "B", (2025, 3, 1), 120),
    ("faunatunnel-n16-tisselt", "demo-n16-in-2025", Deployment.Method.CAMERA, "inside", (2025, 2, 15), 150),
    ("paddentunnel-zoerselbos", "demo-zoe-fyke-2025", Deployment.Method.FYKE, "B", (2025, 2, 20), 45),
    ("paddentunnel-zoerselbos", "demo-zoe-cam-2025", Deployment.Method.CAMERA, "inside", (2025, 2, 20), 90),
    (
        "duiker-looprichel-grote-nete",
        "demo-nete-plate-2025",
        Deployment.Method.TRACK_PLATE,
        "inside",
        (2025, 4, 1),
        60,
    ),
    ("duiker-looprichel-grote-nete", "demo-nete-cam-2025", Deployment.Method.CAMERA, "A", (2025, 4, 1), 60),
]
SPECIES = {
    "ecoduct-kempengrens": [
        ("Capreolus capreolus", 6),
        ("Vulpes vulpes", 5),
        ("Meles meles", 3),
        ("Sus scrofa", 2),
        ("Lepus europaeus", 2),
        ("Homo sapiens", 1),
    ],
    "faunatunnel-n16-tisselt": [
        ("Vulpes vulpes", 6),
        ("Martes foina", 5),
        ("Erinaceus europaeus", 3),
        ("Mustela nivalis", 2),
        ("Felis catus", 2),
        ("Rattus norvegicus", 1),
    ],
    "paddentunnel-zoerselbos": [
        ("Bufo bufo", 8),
        ("Rana temporaria", 4),
        ("Lissotriton vulgaris", 3),
        ("Ichthyosaura alpestris", 1),
        ("Apodemus sylvaticus", 1),
    ],
    "duiker-looprichel-grote-nete": [
        ("Mustela putorius", 3),
        ("Martes foina", 3),
        ("Rattus norvegicus", 4),
        ("Gallinula chloropus", 2),
        ("Lutra lutra", 1),
    ],
}
OBSERVATIONS_PER_DEPLOYMENT = 60


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _user(username: str, group: str, first: str, last: str):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def _observations(dep: Deployment, species: list[tuple[str, int]], taxa: dict, student) -> list[Observation]:
    rng = random.Random(dep.code)
    names, weights = zip(*species, strict=True)
    rows = []
    for i in range(OBSERVATIONS_PER_DEPLOYMENT):
        taxon = taxa[rng.choices(names, weights)[0]]
        day = rng.randrange(max((dep.end - dep.start).days - 1, 1))
        hour = (
            rng.choice([21, 22, 23, 0, 1, 2, 3, 4, 5, 20, 6])
            if taxon.kind == Taxon.Kind.ANIMAL
            else rng.choice([10, 14, 16])
        )
        local = timezone.localtime(dep.start).replace(hour=0, minute=0, second=0) + timedelta(
            days=day, hours=hour, minutes=rng.randrange(60)
        )
        if not dep.start <= local <= dep.end:
            continue
        amphibian = taxon.taxon_class == "Amphibia"
        status = rng.choices(["confirmed", "to_check", "rejected"], [85, 12, 3])[0]
        rows.append(
            Observation(
                deployment=dep,
                taxon=taxon,
                timestamp=local,
                count=rng.choice([1, 1, 1, 2]) if not amphibian else rng.randint(1, 15),
                direction=rng.choice(["a_to_b", "b_to_a", "a_to_b", "unknown"]),
                outcome=rng.choices(["crossing", "turned_back", "unknown"], [70, 20, 10])[0],
                life_stage=rng.choice(["", "adult", "adult", "juvenile"]),
                identified_by="Demo Student" if status == "to_check" else "Demo Ecologist",
                created_by=student if status == "to_check" else None,
                review_status=status,
                external_id=f"{dep.code}-{i:03d}",
            )
        )
    return rows


@transaction.atomic
def load(*, stdout=None) -> None:
    seed_taxa(Taxon)
    ecologist = _user("demo-ecologist", ECOLOGISTS, "Demo", "Ecologist")
    student = _user("demo-student", STUDENTS, "Demo", "Student")
    structures = {}
    for data in STRUCTURES:
        slug = data["slug"]
        structure = Structure.objects.filter(slug=slug).first() or Structure(slug=slug)
        for key, value in data.items():
            setattr(structure, key, value)
        save_structure(structure=structure)
        structures[slug] = structure
    taxa = {t.scientific_name: t for t in Taxon.objects.all()}
    tz = timezone.get_current_timezone()
    created = 0
    for slug, code, method, position, start, days in DEPLOYMENTS:
        begin = datetime(*start, 12, 0, tzinfo=tz)
        dep, _ = Deployment.objects.update_or_create(
            code=code,
            defaults={
                "structure": structures[slug],
                "method": method,
                "position": position,
                "start": begin,
                "end": begin + timedelta(days=days),
                "camera_model": "Reconyx HyperFire 2" if method == Deployment.Method.CAMERA else "",
                "camera_settings": {"cameraDelay": 1} if method == Deployment.Method.CAMERA else {},
                "setup_by": "Demo Ecologist",
            },
        )
        dep.assigned_students.add(student)
        if method == Deployment.Method.CAMERA:
            DeploymentFailure.objects.get_or_create(
                deployment=dep,
                start=begin + timedelta(days=20),
                defaults={"end": begin + timedelta(days=24), "reason": "Batteries empty"},
            )
        existing = set(dep.observations.values_list("external_id", flat=True))
        new = [o for o in _observations(dep, SPECIES[slug], taxa, student) if o.external_id not in existing]
        Observation.objects.bulk_create(new)
        created += len(new)
    _say(
        stdout,
        f"monitoring: {len(structures)} structures, {len(DEPLOYMENTS)} deployments, "
        f"{created} new observations; "
        f"users {ecologist.username} and {student.username} (password {DEMO_PASSWORD})\n",
    )
