import pytest
from django.contrib.auth.models import User

from meetings import demo
from meetings.models import AgendaItem, Meeting, Outcome, Registration

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Meeting, AgendaItem, Registration, Outcome, User)]


def test_demo_loads_meetings_in_several_regions_and_is_idempotent(regions):
    demo.load()
    first = counts()
    demo.load()

    assert counts() == first
    assert Meeting.objects.filter(status=Meeting.Status.HELD, report_published=True).exists()
    assert Meeting.objects.filter(status=Meeting.Status.PUBLISHED).count() >= 2
    assert Outcome.objects.filter(is_public=True).exists()
    held = Registration.objects.filter(meeting__status=Meeting.Status.HELD)
    assert held.filter(attended=True).exists() and held.filter(attended=False).exists()
    assert Meeting.objects.values("regions").distinct().count() >= 5
    assert User.objects.get(username="demo-organiser").groups.filter(name="organisers").exists()
