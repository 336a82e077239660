"""The page of Sustainable Development Goals and ecosystem services served, per region."""

import pytest

from landscapes.models import DevelopmentGoal, EcosystemService, RegionMeasure
from meetings.models import Outcome
from projects import selectors
from tests.landscapes.factories import MeasureFactory
from tests.meetings.factories import MeetingFactory, OutcomeFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(regions):
    """A pond (SDG 6, water retention) in Rupel, a hedge (SDG 15, pollination) in Zuiderkempen."""
    goal6, goal15 = DevelopmentGoal.objects.get(number=6), DevelopmentGoal.objects.get(number=15)
    water, pollination = (EcosystemService.objects.get(code=c) for c in ("water_retention", "pollination"))
    pond = MeasureFactory(slug="pond", name_nl="poel", name_en="pond")
    pond.development_goals.add(goal6)
    pond.ecosystem_services.add(water)
    hedge = MeasureFactory(slug="hedgerow", name_nl="haag", name_en="hedgerow")
    hedge.development_goals.add(goal15)
    hedge.ecosystem_services.add(pollination)
    RegionMeasure.objects.create(region=regions["rupel-zenne-dijle"], measure=pond, priority=1)
    RegionMeasure.objects.create(region=regions["zuiderkempen"], measure=hedge, priority=1)
    project = ProjectFactory(slug="werf")  # in Boom, Rupel
    project.development_goals.add(goal6, goal15)
    project.ecosystem_services.add(water)
    meeting = MeetingFactory(regions=[regions["rupel-zenne-dijle"]])
    OutcomeFactory(meeting=meeting, status=Outcome.Status.REALISED).measures.add(pond)
    OutcomeFactory(meeting=meeting, status=Outcome.Status.DROPPED).measures.add(hedge)
    OutcomeFactory(meeting=meeting, is_public=False).measures.add(hedge)
    return regions


def _row(rows, key):
    return next(r for r in rows if r.key == key)


def test_figures_for_the_province_count_measures_projects_and_outcomes(served):
    figures = selectors.goal_and_service_figures()
    six, fifteen = _row(figures.goals, 6), _row(figures.goals, 15)
    assert (six.measures, six.projects, six.outcomes) == (1, 1, 1)
    assert (fifteen.measures, fifteen.projects, fifteen.outcomes) == (1, 1, 0)  # dropped and hidden plans
    assert [m.slug for m in six.measure_list] == ["pond"]
    assert len(figures.goals) == 17
    water = _row(figures.services, "water_retention")
    assert (water.measures, water.projects, water.outcomes) == (1, 1, 1)


def test_figures_for_one_region_count_only_what_happens_there(served):
    figures = selectors.goal_and_service_figures(region=served["zuiderkempen"])
    fifteen = _row(figures.goals, 15)
    assert (fifteen.measures, fifteen.projects, fifteen.outcomes) == (1, 0, 0)
    assert _row(figures.goals, 6).total == 0


def test_page_shows_a_chart_with_a_table_and_links_to_the_measures(
    client, served, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):
        response = client.get("/en/projects/sdgs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html and "<title" in html
    assert "<table" in html and '<th scope="row">6. Clean water and sanitation</th>' in html
    assert 'href="/en/measures/pond/"' in html
    assert "water retention" in html


def test_page_per_region_and_an_unknown_region_is_reported(client, served):
    html = client.get("/projects/sdgs/", {"region": "zuiderkempen"}).content.decode()
    assert '<option value="zuiderkempen" selected>' in html
    assert 'href="/measures/hedgerow/"' in html and 'href="/measures/pond/"' not in html
    response = client.get("/projects/sdgs/", {"region": "atlantis"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
