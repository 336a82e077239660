"""The bulk loader writes rows the ORM and the statistics read back."""

from datetime import timedelta

import pytest

from monitoring import bulk, statistics
from monitoring.models import Deployment, Observation
from tests.monitoring.factories import T0, DeploymentFactory, taxon

pytestmark = pytest.mark.django_db(transaction=False)


def test_bulk_load_observations_in_batches():
    dep = DeploymentFactory()
    fox = taxon("Vulpes vulpes")
    rows = (
        {
            "deployment_id": dep.pk,
            "taxon_id": fox.pk,
            "timestamp": T0 + timedelta(minutes=20 * i),
            "review_status": "confirmed",
            "outcome": "crossing",
        }
        for i in range(7)
    )
    assert bulk.load_observations(rows=rows, batch_size=3) == 7
    assert Observation.objects.filter(deployment=dep).count() == 7
    assert Observation.objects.order_by("timestamp").first().timestamp == T0
    figures = statistics.figures(deployments=Deployment.objects.all(), statuses=["confirmed"])
    assert figures.records == 7 and figures.events == 1 and figures.crossings == 7
