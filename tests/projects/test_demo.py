"""The demo projects: marked as demonstration, with pictures, safe to load twice."""

import pytest

from landscapes import demo as landscapes_demo
from projects import demo
from projects.constants import TWO_B_CONNECT
from projects.models import Photo, Project

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates_and_marks_everything_as_demonstration(regions):
    landscapes_demo.load()
    demo.load()
    first = (Project.objects.count(), Photo.objects.count())
    demo.load()
    assert (Project.objects.count(), Photo.objects.count()) == first
    assert first[0] >= 6 and first[1] == 2 * first[0]
    assert not Project.objects.filter(is_demo=False).exists()
    assert Project.objects.filter(programme=TWO_B_CONNECT).count() >= 3
    assert set(Project.objects.values_list("kind", flat=True)) == set(Project.Kind.values)
    assert not Project.objects.filter(region=None).exists()
    assert not Photo.objects.filter(image_card="").exists()
