import pytest
from django.contrib.auth.models import User

from advice import demo, permissions, selectors
from advice.models import AdviceRequest, HistoryEntry, InternalNote

pytestmark = pytest.mark.django_db


def counts() -> list[int]:
    return [m.objects.count() for m in (AdviceRequest, HistoryEntry, InternalNote, User)]


def test_demo_requests_in_every_state_marked_as_demonstration_and_idempotent(regions):
    demo.load()
    first = counts()
    demo.load()

    assert counts() == first
    assert set(AdviceRequest.objects.values_list("status", flat=True)) == set(AdviceRequest.Status.values)
    assert all(r.description.startswith("[Demonstratie]") for r in AdviceRequest.objects.all())
    answered = AdviceRequest.objects.filter(status="answered")
    assert answered.count() == 2 and all(r.letter and r.answer.startswith("[Demonstratie]") for r in answered)
    assert {r.language for r in answered} == {"nl", "en"}
    team_member = User.objects.get(username="demo-advies")
    assert permissions.is_ecologist(team_member) and team_member.check_password("demo-advies-2026")
    assert len(selectors.figures()["per_month"]) >= 6
