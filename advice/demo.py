"""Demo content: advice requests in every state, marked as demonstration, and a team account.

Safe to run again: a request is matched on its demo e-mail address and left alone once it exists.
No e-mail is sent: the requests are written directly, with their history.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from landscapes.selectors import municipality_by_name
from monitoring.selectors import structures

from . import letters, selectors
from .constants import ECOLOGISTS_GROUP
from .models import AdviceRequest, HistoryEntry, InternalNote

DEMO_USER = "demo-advies"
DEMO_PASSWORD = "demo-advies-2026"
MARK = "[Demonstratie] "
Status = AdviceRequest.Status
Action = HistoryEntry.Action

# (key, days ago, municipality, type, organisation, topic, status, language, description, answer)
REQUESTS = [
    (
        "school-boom",
        12,
        "Boom",
        "school",
        "Basisschool De Linde",
        "biodiversity",
        Status.NEW,
        "nl",
        "Onze speelplaats is volledig verhard. We willen ontharden en een natuurlijke speelplaats met "
        "een poel en een haag aanleggen. Waar beginnen we?",
        "",
    ),
    (
        "farmer-mol",
        40,
        "Mol",
        "farmer",
        "Hoeve Den Akker",
        "fragmentation",
        Status.ACCEPTED,
        "nl",
        "Tussen mijn weilanden en het bos ligt een drukke weg. Ik wil houtkanten aanplanten zodat "
        "dieren veilig kunnen oversteken naar de beek.",
        "",
    ),
    (
        "municipality-geel",
        75,
        "Geel",
        "municipality",
        "Gemeente Geel (demo)",
        "fauna_passage",
        Status.ANSWERED,
        "nl",
        "Bij de heraanleg van de N19 willen we een faunatunnel voor das en amfibieën. Welke afmetingen "
        "en geleiding raden jullie aan?",
        "Leg een kokertunnel van minstens 1,5 m breed en 1 m hoog aan met een droge looprand, en "
        "geleidende rasters van minstens 50 m aan beide kanten. Plant de ingangen aan met struweel "
        "en sluit aan op bestaande houtkanten. Volg het gebruik een jaar lang op met een wildcamera.",
    ),
    (
        "company-turnhout",
        110,
        "Turnhout",
        "company",
        "Logistiek Kempen NV (demo)",
        "plan_nature",
        Status.ANSWERED,
        "en",
        "We own 4 ha of grassland next to our warehouse and want a management plan to turn it into "
        "flower-rich hay meadow.",
        "Mow twice a year (mid-June and September) and remove the cuttings, stop fertilising, and "
        "leave 10% unmown as a refuge each time. Sow local seed only where the sward stays poor.",
    ),
    (
        "citizen-lier",
        150,
        "Lier",
        "citizen",
        "",
        "plan_forest",
        Status.REFERRED,
        "nl",
        "Ik heb een bosje van 0,8 ha geërfd. Heb ik een bosbeheerplan nodig?",
        "",
    ),
    (
        "company-herentals",
        200,
        "Herentals",
        "company",
        "Metaalwerken Herentals (demo)",
        "plan_landscape",
        Status.DECLINED,
        "nl",
        "Kunnen jullie een landschapsplan maken voor onze nieuwe hal?",
        "",
    ),
]
DECISIONS = {
    "citizen-lier": "Voor bossen tot 5 ha helpt het Agentschap voor Natuur en Bos je verder; "
    "we gaven je vraag aan hen door.",
    "company-herentals": "Een landschapsplan voor een vergunningsaanvraag valt buiten onze adviesopdracht; "
    "een studiebureau kan dit voor je opmaken.",
}
LINKS = {
    "municipality-geel": (["fauna_passage", "hedgerow"], "faunatunnel-n16-tisselt"),
    "company-turnhout": (["flower_rich_verge", "field_margin"], None),
}


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _team_member():
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_USER,
        defaults={"first_name": "Demo", "last_name": "Adviesteam", "email": f"{DEMO_USER}@example.org"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get_or_create(name=ECOLOGISTS_GROUP)[0])
    return user


def _history(advice_request: AdviceRequest, ecologist, created) -> None:
    steps: list[tuple[Action, str, User | None, str]] = [(Action.SUBMITTED, Status.NEW, None, "")]
    status = advice_request.status
    if status in (Status.ACCEPTED, Status.ANSWERED):
        steps += [
            (Action.ACCEPTED, Status.ACCEPTED, ecologist, ""),
            (Action.ASSIGNED, Status.ACCEPTED, ecologist, ""),
        ]
    if status in (Status.REFERRED, Status.DECLINED):
        steps.append((Action(status), status, ecologist, advice_request.decision_reason))
    if advice_request.site_visit_on:
        steps.append(
            (Action.VISIT_PLANNED, Status.ACCEPTED, ecologist, advice_request.site_visit_on.isoformat())
        )
    if status == Status.ANSWERED:
        steps.append((Action.ANSWERED, Status.ANSWERED, ecologist, ""))
    for i, (action, after, actor, detail) in enumerate(steps):
        entry = HistoryEntry.objects.create(
            request=advice_request, action=action, status=after, actor=actor, detail=detail[:300]
        )
        HistoryEntry.objects.filter(pk=entry.pk).update(created_at=created + timedelta(days=2 * i, hours=i))


def _create(key: str, row: tuple, ecologist) -> AdviceRequest:
    _key, days, town, kind, organisation, topic, status, language, description, answer = row
    municipality = municipality_by_name(name=town)
    created = timezone.now() - timedelta(days=days)
    advice_request = AdviceRequest.objects.create(
        name=f"Demo-aanvrager {town}",
        email=f"demo-advies-{key}@example.org",
        organisation=organisation,
        organisation_type=kind,
        topic=topic,
        description=MARK + description,
        municipality=municipality,
        region=municipality.region if municipality else None,
        consent_at=created,
        language=language,
        status=status,
        decision_reason=DECISIONS.get(key, ""),
        assigned_to=ecologist if status in (Status.ACCEPTED, Status.ANSWERED) else None,
        site_visit_on=(created + timedelta(days=14)).date()
        if status in (Status.ACCEPTED, Status.ANSWERED)
        else None,
        answer=MARK + answer if answer else "",
    )
    slugs, structure_slug = LINKS.get(key, ([], None))
    if slugs:
        advice_request.measures.set(selectors.measure_choices(region=None).filter(slug__in=slugs))
    if structure_slug:
        advice_request.structure = structures().filter(slug=structure_slug).first()
    if status in AdviceRequest.CLOSED:
        advice_request.closed_at = created + timedelta(days=10)
    if status == Status.ANSWERED:
        advice_request.answered_at = advice_request.closed_at
    advice_request.save()
    AdviceRequest.objects.filter(pk=advice_request.pk).update(created_at=created)
    advice_request.created_at = created
    if status == Status.ANSWERED:
        pdf = letters.render(advice_request=advice_request, signed_by=ecologist)
        advice_request.letter.save("letter.pdf", ContentFile(pdf))
    _history(advice_request, ecologist, created)
    if status == Status.ACCEPTED:
        InternalNote.objects.create(
            request=advice_request,
            author=ecologist,
            text=MARK + "Eigenaar van het bos aan de overkant ook contacteren; mogelijk subsidie via het "
            "provinciaal natuurfonds.",
        )
    return advice_request


@transaction.atomic
def load(*, stdout=None) -> None:
    ecologist = _team_member()
    created = 0
    for row in REQUESTS:
        key = row[0]
        if AdviceRequest.objects.filter(email=f"demo-advies-{key}@example.org").exists():
            continue
        _create(key, row, ecologist)
        created += 1
    _say(
        stdout,
        f"advice: {created} new demonstration requests; team account {DEMO_USER} "
        f"(password {DEMO_PASSWORD}, group {ECOLOGISTS_GROUP})\n",
    )
