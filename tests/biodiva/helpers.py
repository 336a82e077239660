"""Filling in a whole scan through the pages, as a browser would post it."""

from biodiva.forms import field_name
from biodiva.questionnaire import themes_of
from biodiva.services import applicable

from .test_scoring import ANSWERS


def step_data(theme, answers: dict, action: str = "next") -> dict:
    data = {"action": action}
    for question in theme.questions.all():
        value = answers.get(question.code)
        if value is None or not applicable(question=question, answers=answers):
            continue
        data[field_name(question)] = value if isinstance(value, list) else str(value)
    return data


def fill_in_scan(client, scan, answers: dict = ANSWERS):
    """Post every step; returns the last response."""
    response = None
    for step, theme in enumerate(themes_of(version=scan.version), 1):
        response = client.post(f"/biodiva/scans/{scan.pk}/step/{step}/", step_data(theme, answers))
    return response
