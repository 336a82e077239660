"""Versioning: a completed scan keeps its version, and editing the questionnaire never changes it."""

import pytest
from django.contrib.auth.models import Group

from biodiva.constants import ADVISORS_GROUP, COMPANY_USERS_GROUP
from biodiva.models import Choice, Question, QuestionnaireVersion, Scan, Theme
from biodiva.questionnaire import copy_version, current_version, import_questionnaire_file
from biodiva.services import answers_by_code, complete_scan, compute_result, save_answers, start_scan

from .conftest import QUESTIONNAIRE
from .factories import UserFactory
from .test_scoring import ANSWERS

pytestmark = pytest.mark.django_db


def _complete(site, answers=ANSWERS) -> Scan:
    scan = start_scan(site=site, user=None)
    questions = {q.code: q for q in Question.objects.filter(theme__version=scan.version)}
    save_answers(scan=scan, values={questions[c]: v for c, v in answers.items()})
    complete_scan(scan=scan)
    scan.refresh_from_db()
    return scan


def test_new_version_is_a_deep_copy_with_conditions_remapped(questionnaire):
    copy = copy_version(version=questionnaire)
    assert (copy.number, copy.published) == (2, False)
    assert Theme.objects.filter(version=copy).count() == 10
    assert Question.objects.filter(theme__version=copy).count() == 40
    assert (
        Choice.objects.filter(question__theme__version=copy).count()
        == Choice.objects.filter(question__theme__version=questionnaire).count()
    )
    banks = Question.objects.get(theme__version=copy, code="pond_natural_banks")
    assert banks.condition_question.theme.version == copy
    assert banks.condition_question.code == "has_pond"


def test_editing_the_new_version_leaves_old_results_unchanged(site, questionnaire):
    scan = _complete(site)
    stored = (scan.result.overall, scan.result.theme_scores)
    copy = copy_version(version=questionnaire)
    Theme.objects.filter(version=copy, code="connections").update(weight=10)
    Question.objects.filter(theme__version=copy, code="unpaved_pct").update(score_full_at=100)
    Choice.objects.filter(question__theme__version=copy, code="open_fence").update(score=1)
    copy.published = True
    copy.save()
    scan.result.refresh_from_db()
    assert (scan.result.overall, scan.result.theme_scores) == stored
    # recomputing the old scan on its own version gives the same figures
    assert compute_result(scan=scan).overall == stored[0]
    # a new scan uses the new version and its weights
    assert current_version() == copy
    newer = _complete(site)
    assert newer.version == copy
    assert newer.result.overall != stored[0]


def test_reimporting_the_file_does_not_touch_a_locked_version(site, questionnaire):
    _complete(site)
    Question.objects.filter(code="unpaved_pct", theme__version=questionnaire).update(text_nl="Gewijzigd")
    import_questionnaire_file(path=QUESTIONNAIRE)
    assert Question.objects.get(code="unpaved_pct", theme__version=questionnaire).text_nl == "Gewijzigd"


def test_import_is_idempotent(questionnaire):
    import_questionnaire_file(path=QUESTIONNAIRE)
    assert QuestionnaireVersion.objects.count() == 1
    assert Question.objects.count() == 40


def test_admin_shows_a_locked_version_read_only(client, site, questionnaire):
    _complete(site)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    theme = Theme.objects.get(version=questionnaire, code="water")
    question = Question.objects.get(theme=theme, code="has_pond")
    for url in (
        f"/admin/biodiva/questionnaireversion/{questionnaire.pk}/change/",
        f"/admin/biodiva/theme/{theme.pk}/change/",
        f"/admin/biodiva/question/{question.pk}/change/",
    ):
        assert client.get(url).status_code == 200
        assert client.post(url, {"weight": 9}).status_code == 403
    assert client.post(f"/admin/biodiva/question/{question.pk}/delete/", {"post": "yes"}).status_code == 403
    question.refresh_from_db()
    assert question.weight == 1


def test_admin_action_makes_a_new_version(client, questionnaire):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/biodiva/questionnaireversion/",
        {"action": "new_version", "_selected_action": [questionnaire.pk]},
    )
    assert response.status_code == 302
    assert QuestionnaireVersion.objects.filter(number=2, published=False).exists()


def test_unlocked_version_stays_editable_in_the_admin(client, questionnaire):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    question = Question.objects.get(theme__version=questionnaire, code="has_pond")
    html = client.get(f"/admin/biodiva/question/{question.pk}/change/").content.decode()
    assert 'name="weight"' in html


def test_question_condition_must_point_to_an_earlier_question(questionnaire):
    from django.core.exceptions import ValidationError

    has_pond = Question.objects.get(theme__version=questionnaire, code="has_pond")
    has_pond.condition_question = Question.objects.get(theme__version=questionnaire, code="rainwater_reuse")
    with pytest.raises(ValidationError) as refused:
        has_pond.full_clean()
    assert refused.value.message_dict == {"condition_question": ["Kies een vraag die eerder gesteld wordt."]}


def test_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {ADVISORS_GROUP, COMPANY_USERS_GROUP}


def test_answers_by_code_reads_back_the_values(site, questionnaire):
    scan = _complete(site)
    assert answers_by_code(scan=scan) == ANSWERS
