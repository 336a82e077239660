"""The demo content loads on top of the regions, twice without duplicates."""

import pytest
from django.contrib.auth import authenticate

from biodiva import demo
from biodiva.constants import STAFF_GROUP
from biodiva.models import ActionPlanItem, Company, Question, Scan, Site
from tests.landscapes.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_complete(regions):
    MeasureFactory(slug="hedgerow")
    demo.load()
    demo.load()
    site = Site.objects.get()
    assert site.region.slug == "rupel-zenne-dijle"
    assert Company.objects.count() == 1
    assert Question.objects.count() == 40
    statuses = sorted(Scan.objects.values_list("status", flat=True))
    assert statuses == ["completed", "in_progress"]
    assert Scan.objects.get(status="in_progress").current_step == demo.THIS_YEAR_STEPS + 1
    assert ActionPlanItem.objects.get().done
    assert authenticate(username=demo.COMPANY_USER, password=demo.PASSWORD)
    advisor = authenticate(username=demo.ADVISOR, password=demo.PASSWORD)
    assert site.company.advisors.get() == advisor
    staff = authenticate(username=demo.STAFF_USER, password=demo.PASSWORD)
    assert staff.groups.filter(name=STAFF_GROUP).exists() and staff.has_perm("biodiva.change_site")
