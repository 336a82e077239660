"""The questionnaire as data: loading it from a file, copying a version, and reading it for scoring."""

import json
from pathlib import Path

from django.db import transaction
from django.db.models import Max, Prefetch

from .models import Choice, Question, QuestionnaireVersion, Theme
from .scoring import QuestionSpec, ThemeSpec

QUESTION_FIELDS = (
    "kind",
    "text_nl",
    "text_en",
    "help_nl",
    "help_en",
    "unit",
    "min_value",
    "max_value",
    "required",
    "weight",
    "yes_is_good",
    "score_zero_at",
    "score_full_at",
)
THEME_FIELDS = ("name_nl", "name_en", "intro_nl", "intro_en", "weight")


@transaction.atomic
def import_questionnaire(*, data: dict, published: bool = True) -> QuestionnaireVersion:
    """Create or refresh a version from its JSON description; a locked version is left untouched."""
    version, created = QuestionnaireVersion.objects.get_or_create(
        number=data["number"], defaults={"title": data.get("title", ""), "published": published}
    )
    if not created and version.is_locked:
        return version
    questions: dict[str, Question] = {}
    for t_pos, theme_data in enumerate(data["themes"], 1):
        theme, _ = Theme.objects.update_or_create(
            version=version,
            code=theme_data["code"],
            defaults={"position": t_pos} | {f: theme_data.get(f, "") for f in THEME_FIELDS},
        )
        for q_pos, q_data in enumerate(theme_data["questions"], 1):
            defaults = {f: q_data[f] for f in QUESTION_FIELDS if f in q_data} | {
                "position": q_pos,
                "theme": theme,
            }
            condition = q_data.get("condition")
            defaults["condition_question"] = questions[condition["question"]] if condition else None
            defaults["condition_values"] = condition["values"] if condition else []
            question, _ = Question.objects.update_or_create(
                theme__version=version, code=q_data["code"], defaults=defaults
            )
            questions[question.code] = question
            for c_pos, c_data in enumerate(q_data.get("choices", []), 1):
                Choice.objects.update_or_create(
                    question=question,
                    code=c_data["code"],
                    defaults={
                        "position": c_pos,
                        "label_nl": c_data["label_nl"],
                        "label_en": c_data["label_en"],
                        "score": c_data["score"],
                    },
                )
    return version


def import_questionnaire_file(*, path: Path, published: bool = True) -> QuestionnaireVersion:
    with open(path, encoding="utf-8") as fh:
        return import_questionnaire(data=json.load(fh), published=published)


@transaction.atomic
def copy_version(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A new, unpublished version with copies of every theme, question, choice and condition."""
    number = (QuestionnaireVersion.objects.aggregate(m=Max("number"))["m"] or 0) + 1
    copy = QuestionnaireVersion.objects.create(
        number=number, title=version.title, published=False, notes=f"Copy of version {version.number}."
    )
    new_questions: dict[int, Question] = {}
    conditions: list[tuple[Question, int]] = []
    for theme in version.themes.prefetch_related("questions__choices"):
        questions = list(theme.questions.all())
        theme.pk = None
        theme.version = copy
        theme.save()
        for question in questions:
            choices = list(question.choices.all())
            old_pk, condition_pk = question.pk, question.condition_question_id
            question.pk = None
            question.theme = theme
            question.condition_question = None
            question.save()
            new_questions[old_pk] = question
            if condition_pk:
                conditions.append((question, condition_pk))
            for choice in choices:
                choice.pk = None
                choice.question = question
            Choice.objects.bulk_create(choices)
    for question, condition_pk in conditions:
        question.condition_question = new_questions[condition_pk]
        question.save(update_fields=["condition_question"])
    return copy


def current_version() -> QuestionnaireVersion | None:
    """The version new scans use: the highest published one."""
    return QuestionnaireVersion.objects.filter(published=True).order_by("-number").first()


def themes_of(*, version: QuestionnaireVersion) -> list[Theme]:
    """Themes in order with their questions, choices and condition questions, in three queries."""
    questions = Question.objects.select_related("condition_question").prefetch_related("choices")
    return list(
        version.themes.order_by("position", "id").prefetch_related(Prefetch("questions", queryset=questions))
    )


def question_spec(question: Question) -> QuestionSpec:
    return QuestionSpec(
        code=question.code,
        kind=question.kind,
        weight=question.weight,
        required=question.required,
        yes_is_good=question.yes_is_good,
        choice_scores={c.code: c.score for c in question.choices.all()},
        score_zero_at=question.score_zero_at,
        score_full_at=question.score_full_at,
        condition_code=question.condition_question.code if question.condition_question else None,
        condition_values=tuple(map(str, question.condition_values or ())),
    )


def theme_specs(*, themes: list[Theme]) -> list[ThemeSpec]:
    return [
        ThemeSpec(
            code=t.code,
            name_nl=t.name_nl,
            name_en=t.name_en,
            weight=t.weight,
            questions=tuple(question_spec(q) for q in t.questions.all()),
        )
        for t in themes
    ]
