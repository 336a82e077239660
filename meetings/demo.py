"""Demo content: meetings in several regions (past ones with a report and outcomes, upcoming ones
open for registration) and an organiser account. Safe to run again: records are matched on fixed
UUIDs and natural keys and updated in place, with dates kept relative to today."""

import uuid
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from landscapes.models import Region, RegionMeasure

from .constants import ORGANISERS_GROUP
from .models import AgendaItem, Meeting, Outcome, Registration, StakeholderGroup

DEMO_NAMESPACE = uuid.UUID("6f1c7a52-3f7e-4d0e-9a63-2b8c1d7e5a10")
ORGANISER = ("demo-organiser", "demo-organiser-2026")

AGENDA = [
    (time(19, 0), "Onthaal en kennismaking", "Welcome and introductions"),
    (time(19, 15), "Het landschapsbeeld van de regio", "The region's landscape image"),
    (time(19, 45), "Werktafels: wat kunnen we samen doen?", "Working tables: what can we do together?"),
    (time(20, 45), "Afspraken en volgende stappen", "Agreements and next steps"),
]

MEETINGS: list[dict[str, Any]] = [
    {
        "key": "boom-hagen",
        "regions": ["rupel-zenne-dijle"],
        "days": -60,
        "title_nl": "Hagen en houtkanten rond Boom",
        "title_en": "Hedges and wooded banks around Boom",
        "description_nl": "Landbouwers, de gemeente en Natuurpunt zoeken samen plaatsen voor nieuwe hagen "
        "die de kleiputten met de Rupelvallei verbinden.",
        "description_en": "Farmers, the municipality and Natuurpunt look together for places for new "
        "hedges that link the clay pits with the Rupel valley.",
        "venue_name": "Gemeentehuis Boom",
        "venue_address": "Colonel Silvertopstraat 1, 2850 Boom",
        "lat": 51.0875,
        "lon": 4.3665,
        "status": Meeting.Status.HELD,
        "report": True,
        "registrations": 8,
        "outcomes": [
            (
                "Haag langs de Kapelstraat",
                "Hedge along the Kapelstraat",
                Outcome.Status.REALISED,
                51.0902,
                4.3721,
            ),
            (
                "Poelen bij de kleiputten",
                "Ponds near the clay pits",
                Outcome.Status.IN_PROGRESS,
                51.0941,
                4.3585,
            ),
            (
                "Schoolmoestuin met bloemenweide",
                "School garden with a flower meadow",
                Outcome.Status.IDEA,
                None,
                None,
            ),
        ],
    },
    {
        "key": "haven-polders",
        "regions": ["stad-haven-polders"],
        "days": -30,
        "title_nl": "Groene verbindingen in de haven",
        "title_en": "Green links in the port",
        "description_nl": "Bedrijven uit de haven en natuurverenigingen bespreken stapstenen voor "
        "rugstreeppad en oeverzwaluw op bedrijfsterreinen.",
        "description_en": "Port companies and nature organisations discuss stepping stones for the "
        "natterjack toad and the sand martin on company sites.",
        "venue_name": "Havenhuis",
        "venue_address": "Zaha Hadidplein 1, 2030 Antwerpen",
        "lat": 51.2459,
        "lon": 4.4075,
        "status": Meeting.Status.HELD,
        "report": True,
        "outcomes": [
            (
                "Tijdelijke natuur op braakliggende terreinen",
                "Temporary nature on vacant sites",
                Outcome.Status.PLANNED,
                51.2853,
                4.3212,
            ),
        ],
    },
    {
        "key": "kalmthout-heide",
        "regions": ["kalmthoutse-heide"],
        "days": 14,
        "title_nl": "Heide en vennen: samen beheren",
        "title_en": "Heath and fens: managing them together",
        "description_nl": "Hoe houden we de heide open en de vennen proper? Met eigenaars, jagers, "
        "landbouwers en bewoners.",
        "description_en": "How do we keep the heath open and the fens clean? With owners, hunters, "
        "farmers and residents.",
        "venue_name": "Bezoekerscentrum De Vroente",
        "venue_address": "Putsesteenweg 129, 2920 Kalmthout",
        "lat": 51.3929,
        "lon": 4.4575,
        "status": Meeting.Status.PUBLISHED,
        "registrations": 6,
    },
    {
        "key": "grote-nete",
        "regions": ["vallei-grote-nete"],
        "days": 21,
        "format": Meeting.Format.HYBRID,
        "title_nl": "Beekvalleien en landbouw langs de Grote Nete",
        "title_en": "Brook valleys and farming along the Grote Nete",
        "description_nl": "Bufferstroken, houtkanten en natte graslanden: wat werkt voor landbouwers "
        "en voor de natuur? Ook online te volgen.",
        "description_en": "Buffer strips, wooded banks and wet grasslands: what works for farmers and "
        "for nature? You can also follow online.",
        "venue_name": "Zaal De Waterhoeve",
        "venue_address": "Gasthuisstraat 54, 2440 Geel",
        "lat": 51.1617,
        "lon": 4.9896,
        "status": Meeting.Status.PUBLISHED,
        "capacity": 4,
        "registrations": 5,
    },
    {
        "key": "bedrijven-online",
        "regions": ["mechelen-dijlevallei", "rupel-zenne-dijle"],
        "days": 35,
        "format": Meeting.Format.ONLINE,
        "title_nl": "Online infoavond: groen op bedrijventerreinen",
        "title_en": "Online evening: greening company sites",
        "description_nl": "Voor bedrijven in Mechelen en de Rupelstreek: welke maatregelen passen op "
        "jouw terrein, en welke steun bestaat er?",
        "description_en": "For companies around Mechelen and the Rupel: which measures fit your site, "
        "and what support is there?",
        "status": Meeting.Status.PUBLISHED,
    },
    {
        "key": "turnhout-afgelast",
        "regions": ["turnhoutse-kempen"],
        "days": 10,
        "title_nl": "Vennen en landduinen in de Turnhoutse Kempen",
        "title_en": "Fens and inland dunes of the Turnhout Campine",
        "description_nl": "Dit overleg is verplaatst naar het voorjaar.",
        "description_en": "This meeting has moved to the spring.",
        "venue_name": "Stadhuis Turnhout",
        "venue_address": "Campus Blairon 200, 2300 Turnhout",
        "lat": 51.3227,
        "lon": 4.9447,
        "status": Meeting.Status.CANCELLED,
    },
]

MINUTES = (
    "<p>Na een korte voorstelling van het landschapsbeeld werkten we aan drie tafels.</p>"
    "<ul><li>Landbouwers willen hagen op perceelsgrenzen als het onderhoud geregeld is.</li>"
    "<li>De gemeente zoekt plaatsen voor poelen op eigen grond.</li>"
    "<li>De school wil een bloemenweide met de leerlingen aanleggen.</li></ul>"
)


def _local(day_offset: int, at: time) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, at))


def _organiser(stdout) -> None:
    username, password = ORGANISER
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": "Demo", "last_name": "Organisator", "is_staff": True}
    )
    if created:
        user.set_password(password)
        user.save()
    user.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    if stdout:
        stdout.write(f"  meetings: organiser '{username}' (password '{password}', demo only)")


def _meeting(spec: dict) -> Meeting:
    starts = _local(spec["days"], time(19, 0))
    meeting, _ = Meeting.objects.update_or_create(
        uid=uuid.uuid5(DEMO_NAMESPACE, spec["key"]),
        defaults={
            "title_nl": spec["title_nl"],
            "title_en": spec["title_en"],
            "description_nl": spec["description_nl"],
            "description_en": spec["description_en"],
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "registration_deadline": starts - timedelta(days=2),
            "format": spec.get("format", Meeting.Format.IN_PERSON),
            "venue_name": spec.get("venue_name", ""),
            "venue_address": spec.get("venue_address", ""),
            "latitude": spec.get("lat"),
            "longitude": spec.get("lon"),
            "online_url": "https://meet.example.org/demo-" + spec["key"]
            if spec.get("format") in (Meeting.Format.ONLINE, Meeting.Format.HYBRID)
            else "",
            "capacity": spec.get("capacity", 40),
            "status": spec["status"],
            "minutes": MINUTES if spec.get("report") else "",
            "attendee_count": 23 if spec.get("report") else None,
            "organisations_present": "Gemeente\nNatuurpunt\nBoerenbond\nRegionaal Landschap"
            if spec.get("report")
            else "",
            "report_published": bool(spec.get("report")),
        },
    )
    meeting.regions.set(Region.objects.filter(slug__in=spec["regions"]))
    meeting.stakeholder_groups.set(StakeholderGroup.objects.all())
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, time=at, title_nl=nl, title_en=en)
        for i, (at, nl, en) in enumerate(AGENDA)
    )
    return meeting


def _outcomes(meeting: Meeting, outcomes: list) -> None:
    measures = [
        rm.measure
        for rm in RegionMeasure.objects.filter(region__in=meeting.regions.all())
        .select_related("measure")
        .order_by("priority")[:3]
    ]
    for index, (title_nl, title_en, status, lat, lon) in enumerate(outcomes):
        outcome, _ = Outcome.objects.update_or_create(
            meeting=meeting,
            title_nl=title_nl,
            defaults={
                "title_en": title_en,
                "description_nl": f"{title_nl}: uitgewerkt na het overleg met de lokale partners.",
                "description_en": f"{title_en}: worked out after the meeting with the local partners.",
                "organisation": ["Gemeente", "Natuurpunt", "Basisschool De Klimop"][index % 3],
                "contact": "dienst milieu",
                "status": status,
                "start_date": timezone.localdate() - timedelta(days=30),
                "end_date": timezone.localdate() + timedelta(days=180)
                if status != Outcome.Status.REALISED
                else timezone.localdate() - timedelta(days=5),
                "latitude": lat,
                "longitude": lon,
                "is_public": True,
            },
        )
        outcome.measures.set(measures[index % len(measures) :][:1] if measures else [])


def _registrations(meeting: Meeting, count: int) -> None:
    groups = list(StakeholderGroup.objects.all())
    for n in range(count):
        email = f"demo-deelnemer{n + 1}@example.org"
        if meeting.registrations.filter(email=email).exists():
            continue
        confirmed = meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()
        Registration.objects.create(
            meeting=meeting,
            name=f"Demo Deelnemer {n + 1}",
            email=email,
            organisation="Demo-organisatie",
            stakeholder_group=groups[n % len(groups)],
            consent_at=timezone.now(),
            status=Registration.Status.CONFIRMED
            if confirmed < meeting.capacity
            else Registration.Status.WAITING,
            # A held meeting shows a filled-in check-in list: most came, some did not.
            attended=meeting.status == Meeting.Status.HELD and n % 4 != 3,
        )


def load(*, stdout=None) -> None:
    with transaction.atomic():
        _organiser(stdout)
        for spec in MEETINGS:
            meeting = _meeting(spec)
            _outcomes(meeting, spec.get("outcomes", []))
            _registrations(meeting, spec.get("registrations", 0))
    if stdout:
        stdout.write(f"  meetings: {len(MEETINGS)} demo meetings")
