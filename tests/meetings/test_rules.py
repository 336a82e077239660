"""Rules that forms, the admin and the models share: one function each, the same answer."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.meetings.factories import MeetingFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def test_a_meeting_ending_at_its_start_is_refused_on_its_end_by_the_model_as_by_the_form():
    meeting = MeetingFactory()
    meeting.ends_at = meeting.starts_at
    with translation.override("en"):
        with pytest.raises(ValidationError) as model:
            meeting.full_clean()
        assert model.value.message_dict["ends_at"] == ["The meeting must end after it starts."]


def test_an_outcome_may_end_on_its_first_day_but_not_before_it():
    outcome = OutcomeFactory()
    outcome.start_date = outcome.end_date = outcome.meeting.starts_at.date()
    outcome.full_clean()
    outcome.end_date = outcome.start_date.replace(year=outcome.start_date.year - 1)
    with translation.override("en"):
        with pytest.raises(ValidationError) as model:
            outcome.full_clean()
        assert model.value.message_dict["end_date"] == ["The end date cannot be before the start date."]
