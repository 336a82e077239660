"""The opportunity profile: measures of the site's region that fit the site and the answers.

Each rule names a measure of the catalogue (by slug) and says when the answers show room for it,
how much it is expected to bring (gain 1–3) and cost (effort 1–3), and a concrete first step.
Only measures the region's landscape image lists count. They are ordered by a benefit that adds
the expected gain, subtracts the effort and adds a bonus for the region's top priorities.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from landscapes.models import Measure, RegionMeasure, Species, SpeciesNeed

from .models import Site

Answers = Mapping[str, Any]


def _has(answers: Answers, code: str, *values: str) -> bool:
    value = answers.get(code)
    if isinstance(value, list):
        return bool(set(values).intersection(value))
    return value in values


def _number(answers: Answers, code: str, default: float = 0.0) -> float:
    value = answers.get(code)
    return float(value) if isinstance(value, int | float) else default


def _green_m2(answers: Answers, site: Site) -> float:
    return site.surface_m2 * _number(answers, "unpaved_pct") / 100


@dataclass(frozen=True)
class Rule:
    slug: str
    applies: Callable[[Answers, Site], bool]
    gain: int
    effort: int
    first_step: Any


RULES = (
    Rule(
        "pond",
        lambda a, s: _has(a, "has_pond", "no") and _has(a, "room_for_pond", "yes"),
        3,
        2,
        _(
            "Mark the lowest, sunny spot on a site plan and ask the regional landscape "
            "partnership to visit it."
        ),
    ),
    Rule(
        "hedgerow",
        lambda a, s: (
            _has(a, "boundary_type", "open_fence", "closed_fence")
            and not _has(a, "boundary_type", "native_hedge")
        ),
        3,
        1,
        _(
            "Measure the fence line and order native shrubs (hawthorn, blackthorn, hazel) "
            "for the planting season from November to March."
        ),
    ),
    Rule(
        "fauna_passage",
        lambda a, s: _has(a, "boundary_type", "closed_fence") or _has(a, "fence_permeable", "no"),
        2,
        1,
        _("Make openings of about 13 × 13 cm at the bottom of the fence every 10 to 20 metres."),
    ),
    Rule(
        "unpaving",
        lambda a, s: _number(a, "unpaved_pct", 100) < 30,
        3,
        3,
        _(
            "Mark on a plan the paving nobody uses (corners, oversized car park, verges) "
            "and get a quote to remove it."
        ),
    ),
    Rule(
        "flower_rich_verge",
        lambda a, s: _has(a, "grass_management", "lawn", "robot", "few_times"),
        2,
        1,
        _("Pick one strip of lawn to mow only twice a year from now on, and have the cuttings removed."),
    ),
    Rule(
        "ecological_garden_management",
        lambda a, s: _has(a, "pesticides", "spot", "regular") or _has(a, "grass_management", "lawn", "robot"),
        2,
        1,
        _("Agree with your grounds maintenance company to stop using pesticides and draw up a mowing plan."),
    ),
    Rule(
        "wadi_infiltration",
        lambda a, s: _has(a, "rainwater_infiltration", "partly", "sewer"),
        2,
        2,
        _("Find which downpipes run to the sewer and where an unpaved hollow could take their water."),
    ),
    Rule(
        "green_roof",
        lambda a, s: _has(a, "has_flat_roof", "yes") and _number(a, "green_roof_pct") < 50,
        2,
        3,
        _("Ask a roofer to check how much extra load the flat roofs can carry."),
    ),
    Rule(
        "green_wall",
        lambda a, s: _has(a, "green_facade", "no"),
        1,
        1,
        _("Pick a blind façade and plant ivy or climbing hydrangea at its foot."),
    ),
    Rule(
        "nest_boxes",
        lambda a, s: not _has(a, "nest_places", "swift", "sparrow", "bat"),
        2,
        1,
        _("Hang swift or house sparrow boxes high under the eaves on the north or east side before April."),
    ),
    Rule(
        "bat_friendly_lighting",
        lambda a, s: _has(a, "night_lighting", "all_night"),
        2,
        1,
        _(
            "Walk the site at night, list the lights that are not needed and put the others "
            "on a sensor with warm light."
        ),
    ),
    Rule(
        "tree_row",
        lambda a, s: _has(a, "parking_surface", "sealed", "mixed") or s.surface_m2 >= 5000,
        2,
        2,
        _(
            "Choose a driveway or car-park edge and plant native trees such as oak, lime "
            "or field maple there."
        ),
    ),
    Rule(
        "grove",
        lambda a, s: _green_m2(a, s) >= 1000 and not _has(a, "native_planting", "mostly_native"),
        2,
        2,
        _("Set aside a corner of at least 200 m² and plant it densely with native trees and shrubs."),
    ),
    Rule(
        "wood_edge",
        lambda a, s: _has(a, "nearby_nature", "forest") and not _has(a, "green_link", "yes"),
        2,
        2,
        _("Plant a strip of shrubs on the side of your site that faces the woodland."),
    ),
    Rule(
        "field_margin",
        lambda a, s: _has(a, "nearby_nature", "farmland"),
        1,
        1,
        _("Sow a strip of native wildflowers along the side that borders the fields."),
    ),
)


# The measures each theme of the questionnaire is about, to show the region's priorities per step.
THEME_MEASURES = {
    "site_green": ("unpaving", "grove", "flower_rich_verge"),
    "vegetation": ("ecological_garden_management", "flower_rich_verge", "grove", "hedgerow"),
    "water": ("pond", "wadi_infiltration"),
    "buildings": ("green_roof", "green_wall", "nest_boxes", "bat_friendly_lighting"),
    "connections": ("hedgerow", "fauna_passage", "wood_edge", "tree_row", "field_margin"),
    "mobility": ("unpaving", "tree_row"),
}


def regional_measures_for_theme(*, site: Site, theme_code: str) -> list[RegionMeasure]:
    """The region's listed measures that a step of the scan is about, most important first."""
    slugs = THEME_MEASURES.get(theme_code)
    if site.region_id is None or not slugs:
        return []
    return list(
        RegionMeasure.objects.filter(region_id=site.region_id, measure__slug__in=slugs)
        .select_related("measure")
        .order_by("priority")
    )


@dataclass
class Opportunity:
    measure: Measure
    priority: int
    note: str
    gain: int
    effort: int
    first_step: str
    species: list[Species] = field(default_factory=list)

    @property
    def benefit(self) -> int:
        bonus = 2 if self.priority <= 3 else 1 if self.priority <= 6 else 0
        return 2 * self.gain - self.effort + bonus


def opportunities(*, site: Site, answers: Answers, limit: int | None = None) -> list[Opportunity]:
    """The fitting measures of the site's region, best benefit first; empty outside a region."""
    if site.region_id is None:
        return []
    fitting = {r.slug: r for r in RULES if r.applies(answers, site)}
    if not fitting:
        return []
    needs = SpeciesNeed.objects.filter(region_id=site.region_id).select_related("species")
    region_measures = (
        RegionMeasure.objects.filter(region_id=site.region_id, measure__slug__in=fitting)
        .select_related("measure")
        .prefetch_related(
            "measure__species", Prefetch("measure__species_needs", queryset=needs, to_attr="regional_needs")
        )
    )
    found = []
    for rm in region_measures:
        rule = fitting[rm.measure.slug]
        regional_needs: list[SpeciesNeed] = rm.measure.regional_needs  # type: ignore[attr-defined]  # Prefetch to_attr
        species = [n.species for n in regional_needs] or list(rm.measure.species.all())
        found.append(
            Opportunity(
                measure=rm.measure,
                priority=rm.priority,
                note=rm.note,
                gain=rule.gain,
                effort=rule.effort,
                first_step=str(rule.first_step),
                species=species[:5],
            )
        )
    found.sort(key=lambda o: (-o.benefit, o.priority, o.measure.slug))
    return found[: limit or settings.BIODIVA_MAX_OPPORTUNITIES]
