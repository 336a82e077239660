"""Scoring: hand-checked examples per theme of the shipped questionnaire, and the edge cases."""

import pytest

from biodiva import scoring
from biodiva.questionnaire import theme_specs, themes_of
from biodiva.scoring import QuestionSpec, ThemeSpec

# One answer set for the whole questionnaire; the expected theme scores were worked out by hand
# from the weights in fixtures/biodiva/questionnaire_v1.json (earned points / possible points).
ANSWERS = {
    # site_green: 25 % unpaved = 0.5 × 3, unpaving yes = 1, dead wood no = 0 -> 2.5 / 5
    "unpaved_pct": 25,
    "unpaving_done": "yes",
    "dead_wood": "no",
    # vegetation: mixed 0.5 × 2, no grass (its management question is skipped),
    # pesticides spot 0.5 × 3, no invasives 1 -> 3.5 / 6
    "native_planting": "mixed",
    "has_grass": "no",
    "pesticides": "spot",
    "invasive_species": "none",
    # water: no pond 0 (banks skipped, room for pond scores nothing), partly infiltrating 0.5 × 2,
    # reuse yes 1 -> 2 / 4
    "has_pond": "no",
    "room_for_pond": "yes",
    "rainwater_infiltration": "partly",
    "rainwater_reuse": "yes",
    # buildings: 20 % green roof 0.4 × 2, no green facade 0, swift + bat 0.7 × 2, treated glass 1,
    # adapted lighting 0.8 × 2 -> 4.8 / 8
    "has_flat_roof": "yes",
    "green_roof_pct": 20,
    "green_facade": "no",
    "nest_places": ["swift", "bat"],
    "bird_safe_glass": "treated",
    "night_lighting": "adapted",
    # connections: open fence 0.3 × 2, no gaps 0, no nature nearby (link skipped) -> 0.6 / 3
    "boundary_type": ["open_fence"],
    "fence_length_m": 300,
    "fence_permeable": "no",
    "nearby_nature": ["none"],
    # procurement: some 0.5 × 2, suppliers no, contract yes -> 2 / 4
    "procurement_criteria": "some",
    "supplier_dialogue": "no",
    "landscaping_contract": "yes",
    # products: not assessed 0, two of four emissions 0.5 × 2, design yes 1 -> 2 / 5
    "impact_assessed": "no",
    "emissions_limited": ["water_discharge", "noise"],
    "product_design": "yes",
    # mobility: 30 % of 60 % = 0.5 × 2, mixed parking 0.5 -> 1.5 / 3
    "sustainable_commute_pct": 30,
    "parking_surface": "mixed",
    # policy: informal 0.6 × 2, no targets (reporting skipped), responsible yes 1 -> 2.2 / 5
    "in_ems": "informal",
    "targets": "no",
    "responsible_person": "yes",
    # people: occasional 0.5 × 2, nature org + municipality 0.6 × 2, no communication -> 2.2 / 5
    "employee_involvement": "occasional",
    "partners": ["nature_org", "municipality"],
    "public_communication": "no",
    "remarks": "We zagen een ijsvogel.",
}

EXPECTED = {
    "site_green": 50.0,
    "vegetation": 58.3,
    "water": 50.0,
    "buildings": 60.0,
    "connections": 20.0,
    "procurement": 50.0,
    "products": 40.0,
    "mobility": 50.0,
    "policy": 44.0,
    "people": 44.0,
}


@pytest.fixture
def specs(questionnaire):
    return theme_specs(themes=themes_of(version=questionnaire))


@pytest.mark.parametrize("theme", sorted(EXPECTED))
def test_hand_checked_score_per_theme(specs, theme):
    result = scoring.compute(specs, ANSWERS)
    scores = {t.code: t.score for t in result.themes}
    assert scores[theme] == EXPECTED[theme]


def test_overall_is_weighted_by_theme_weights(specs):
    # weights 3,3,2,2,2,1,1,1,2,1 (18): (150 + 174.9 + 100 + 120 + 40 + 50 + 40 + 50 + 88 + 44) / 18
    result = scoring.compute(specs, ANSWERS)
    assert result.overall == 47.6
    assert result.level == 3


def test_answering_a_conditional_question_counts_it(specs):
    answers = ANSWERS | {"has_grass": "yes", "grass_management": "lawn", "native_planting": "mostly_native"}
    answers |= {"pesticides": "none", "invasive_species": "controlled"}
    # 2 + 0.1 × 2 + 3 + 0.6 = 5.8 of 8
    vegetation = next(t for t in scoring.compute(specs, answers).themes if t.code == "vegetation")
    assert vegetation.score == 72.5


def test_answer_to_a_skipped_question_is_ignored(specs):
    with_stale = ANSWERS | {"pond_natural_banks": "yes"}
    water = next(t for t in scoring.compute(specs, with_stale).themes if t.code == "water")
    assert water.score == 50.0


def _theme(*questions, weight=1, code="t"):
    return ThemeSpec(code, "Thema", "Theme", weight, tuple(questions))


def test_skipped_question_leaves_the_denominator():
    gate = QuestionSpec("gate", "yes_no", weight=1)
    follow = QuestionSpec("follow", "yes_no", weight=3, condition_code="gate", condition_values=("yes",))
    theme = _theme(gate, follow)
    assert scoring.compute([theme], {"gate": "no"}).themes[0].score == 0.0
    assert scoring.compute([theme], {"gate": "yes", "follow": "yes"}).themes[0].score == 100.0
    assert scoring.compute([theme], {"gate": "yes", "follow": "no"}).themes[0].score == 25.0


def test_condition_chains_follow_the_first_link():
    a = QuestionSpec("a", "yes_no", weight=0)
    b = QuestionSpec("b", "yes_no", weight=0, condition_code="a", condition_values=("yes",))
    c = QuestionSpec("c", "yes_no", weight=1, condition_code="b", condition_values=("yes",))
    theme = _theme(a, b, c, QuestionSpec("d", "yes_no"))
    # b answered yes, but a says no: b and therefore c are skipped
    assert scoring.compute([theme], {"a": "no", "b": "yes", "c": "no", "d": "yes"}).themes[0].score == 100.0


def test_unanswered_optional_question_counts_as_zero():
    theme = _theme(QuestionSpec("x", "yes_no", required=False), QuestionSpec("y", "yes_no"))
    assert scoring.compute([theme], {"y": "yes"}).themes[0].score == 50.0


def test_no_is_good_when_the_question_says_so():
    theme = _theme(QuestionSpec("invasives", "yes_no", yes_is_good=False))
    assert scoring.compute([theme], {"invasives": "no"}).themes[0].score == 100.0


def test_multiple_choice_is_capped_at_full_points():
    q = QuestionSpec("m", "multiple", choice_scores={"a": 0.6, "b": 0.6, "none": 0})
    assert scoring.question_fraction(q, ["a", "b"]) == 1.0
    assert scoring.question_fraction(q, ["none"]) == 0.0


def test_numbers_are_clamped_and_may_run_downwards():
    up = QuestionSpec("n", "number", score_zero_at=0, score_full_at=50)
    down = QuestionSpec("paved", "number", score_zero_at=100, score_full_at=20)
    assert scoring.question_fraction(up, 80) == 1.0
    assert scoring.question_fraction(up, 10) == 0.2
    assert scoring.question_fraction(down, 60) == 0.5
    assert scoring.question_fraction(down, 0) == 1.0


def test_unscored_number_and_text_do_not_count():
    theme = _theme(QuestionSpec("m2", "number"), QuestionSpec("note", "text"))
    result = scoring.compute([theme], {"m2": 500, "note": "x"})
    assert result.themes[0].score is None
    assert result.overall == 0.0


def test_theme_without_score_or_weight_is_left_out_of_overall():
    scored = _theme(QuestionSpec("a", "yes_no"), weight=2, code="scored")
    empty = _theme(QuestionSpec("b", "text"), weight=5, code="empty")
    ignored = _theme(QuestionSpec("c", "yes_no"), weight=0, code="ignored")
    result = scoring.compute([scored, empty, ignored], {"a": "yes", "c": "no"})
    assert result.overall == 100.0
    assert result.level == 5


@pytest.mark.parametrize(
    ("overall", "level"),
    [(0, 1), (19.9, 1), (20, 2), (39.9, 2), (40, 3), (60, 4), (79.9, 4), (80, 5), (100, 5)],
)
def test_ladder_levels(overall, level):
    assert scoring.ladder_level(overall) == level


def test_next_step_names_points_and_themes_with_most_to_win(specs):
    result = scoring.compute(specs, ANSWERS)
    step = scoring.next_step(overall=result.overall, themes=result.themes, focus_count=2)
    assert (step.level, step.next_level, step.points_needed) == (3, 4, 12.4)
    # (100 - 20) × 2 = 160 for connections, (100 - 50) × 3 = 150 for the site
    assert [t.code for t in step.focus] == ["connections", "site_green"]


def test_top_of_the_ladder_has_no_next_step():
    step = scoring.next_step(overall=95, themes=[])
    assert step.next_level is None
