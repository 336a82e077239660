"""Scoring a scan: pure functions over plain specs of the questionnaire and a dict of answers.

A question earns a fraction (0–1) of its weight. A theme scores ``100 × earned / possible`` over the
scored questions that apply: a question skipped by its condition is left out of both. The overall
score is the average of the theme scores weighted by the theme weights of the version.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

YES, NO = "yes", "no"


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    kind: str
    weight: int = 1
    required: bool = True
    yes_is_good: bool = True
    choice_scores: Mapping[str, float] = field(default_factory=dict)
    score_zero_at: float | None = None
    score_full_at: float | None = None
    condition_code: str | None = None
    condition_values: tuple[str, ...] = ()

    @property
    def is_scored(self) -> bool:
        if self.weight == 0 or self.kind == "text":
            return False
        if self.kind == "number":
            return self.score_zero_at is not None and self.score_full_at is not None
        return True


@dataclass(frozen=True)
class ThemeSpec:
    code: str
    name_nl: str
    name_en: str
    weight: int
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class ThemeScore:
    code: str
    name_nl: str
    name_en: str
    weight: int
    score: float | None
    earned: float
    possible: float

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name_nl": self.name_nl,
            "name_en": self.name_en,
            "weight": self.weight,
            "score": self.score,
        }


@dataclass(frozen=True)
class Result:
    overall: float
    level: int
    themes: tuple[ThemeScore, ...]


def _matches(value: Any, wanted: Iterable[str]) -> bool:
    wanted = set(wanted)
    if isinstance(value, list):
        return bool(wanted.intersection(map(str, value)))
    return value is not None and str(value) in wanted


def is_applicable(
    question: QuestionSpec, answers: Mapping[str, Any], by_code: Mapping[str, QuestionSpec]
) -> bool:
    """Asked unless its condition question (itself applicable) has none of the listed answers."""
    seen = set()
    current = question
    while current.condition_code:
        if current.code in seen:
            return False
        seen.add(current.code)
        if not _matches(answers.get(current.condition_code), current.condition_values):
            return False
        following = by_code.get(current.condition_code)
        if following is None:
            return False
        current = following
    return True


def question_fraction(question: QuestionSpec, value: Any) -> float:
    """The share (0–1) of the question's weight that the answer earns; no answer earns 0."""
    if value is None or value == "" or value == []:
        return 0.0
    if question.kind == "yes_no":
        return 1.0 if (value == YES) == question.yes_is_good else 0.0
    if question.kind == "single":
        return float(question.choice_scores.get(str(value), 0.0))
    if question.kind == "multiple":
        return min(1.0, sum(question.choice_scores.get(str(v), 0.0) for v in value))
    if question.kind == "number":
        zero, full = question.score_zero_at, question.score_full_at
        if zero is None or full is None or zero == full:
            return 0.0
        return max(0.0, min(1.0, (float(value) - zero) / (full - zero)))
    return 0.0


def theme_score(
    theme: ThemeSpec, answers: Mapping[str, Any], by_code: Mapping[str, QuestionSpec]
) -> ThemeScore:
    earned = possible = 0.0
    for question in theme.questions:
        if not question.is_scored or not is_applicable(question, answers, by_code):
            continue
        possible += question.weight
        earned += question.weight * question_fraction(question, answers.get(question.code))
    score = round(100 * earned / possible, 1) if possible else None
    return ThemeScore(theme.code, theme.name_nl, theme.name_en, theme.weight, score, earned, possible)


def overall_score(themes: Iterable[ThemeScore]) -> float:
    """Weighted mean of the theme scores; themes without a score or with weight 0 do not count."""
    counted = [(t.weight, t.score) for t in themes if t.score is not None and t.weight > 0]
    total_weight = sum(w for w, _ in counted)
    if not total_weight:
        return 0.0
    return round(sum(w * s for w, s in counted) / total_weight, 1)


def compute(themes: Iterable[ThemeSpec], answers: Mapping[str, Any]) -> Result:
    themes = tuple(themes)
    by_code = {q.code: q for t in themes for q in t.questions}
    scores = tuple(theme_score(t, answers, by_code) for t in themes)
    overall = overall_score(scores)
    return Result(overall=overall, level=ladder_level(overall), themes=scores)


# The five-step biodiversity ladder: the lowest overall score of each level.
LADDER = (
    (1, 0, _("Starting out"), _("Biodiversity is not yet on the agenda; first measures are easy wins.")),
    (2, 20, _("Aware"), _("A few good practices exist, mostly by chance rather than by plan.")),
    (3, 40, _("Acting"), _("Measures on the site and first steps in the business are under way.")),
    (4, 60, _("Committed"), _("Biodiversity is managed with targets, a responsible person and partners.")),
    (
        5,
        80,
        _("Nature-inclusive"),
        _("Nature is part of how the site is run and how the company does business."),
    ),
)


@dataclass(frozen=True)
class LadderStep:
    level: int
    threshold: int
    name: str
    description: str


def ladder() -> list[LadderStep]:
    return [LadderStep(level, low, str(name), str(text)) for level, low, name, text in LADDER]


def ladder_level(overall: float) -> int:
    level = 1
    for number, low, *_rest in LADDER:
        if overall >= low:
            level = number
    return level


@dataclass(frozen=True)
class NextStep:
    level: int
    next_level: int | None
    points_needed: float
    focus: tuple[ThemeScore, ...]


def next_step(*, overall: float, themes: Iterable[ThemeScore], focus_count: int = 3) -> NextStep:
    """What reaching the next level takes: the points still missing and the weighted themes to work on.

    The focus themes are those where the most overall points can be won: (100 − score) × weight.
    """
    level = ladder_level(overall)
    if level == len(LADDER):
        return NextStep(level, None, 0.0, ())
    threshold = LADDER[level][1]
    scored = [t for t in themes if t.score is not None and t.weight > 0]
    scored.sort(key=lambda t: (-(100 - (t.score or 0.0)) * t.weight, t.code))
    return NextStep(level, level + 1, round(threshold - overall, 1), tuple(scored[:focus_count]))
