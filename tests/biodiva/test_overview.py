"""The staff's anonymous overview and its CSV export."""

import csv
import io

import pytest

from biodiva.constants import STAFF_GROUP
from biodiva.models import Scan
from biodiva.services import add_to_plan

from .factories import UserFactory
from .helpers import fill_in_scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="provincie", groups=[STAFF_GROUP]))
    return client


def test_overview_counts_per_region_theme_and_measure(
    client, company_user, boom_site, questionnaire, rupel_measures
):
    client.force_login(company_user)
    client.post(f"/biodiva/sites/{boom_site.pk}/scan/")
    fill_in_scan(client, Scan.objects.get())
    add_to_plan(site=boom_site, measure=rupel_measures["pond"])
    client.force_login(UserFactory(username="provincie", groups=[STAFF_GROUP]))
    html = client.get("/en/biodiva/overview/").content.decode()
    assert "Rupel, Zenne and Dijle" in html
    assert "Steenbakkerij Alfa" not in html and boom_site.name not in html
    rows = list(csv.reader(io.StringIO(client.get("/biodiva/overview.csv").content.decode())))
    region = next(r for r in rows if r[0] == "region")
    assert (region[1], region[4], region[5]) == ("rupel-zenne-dijle", "1", "1")
    themes = {r[1]: r[4] for r in rows if r[0] == "theme"}
    assert themes["connections"] == "20.0"
    measures = [r for r in rows if r[0] == "measure"]
    assert [(m[1], m[4], m[5]) for m in measures] == [("pond", "1", "0")]
    assert not any("Steenbakkerij" in cell for row in rows for cell in row)


def test_empty_overview(staff_client):
    assert staff_client.get("/biodiva/overview/").status_code == 200
    rows = list(csv.reader(io.StringIO(staff_client.get("/biodiva/overview.csv").content.decode())))
    assert rows[0][0] == "kind"
