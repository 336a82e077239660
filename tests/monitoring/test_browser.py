"""In the browser: an ecologist logs an observation and sees it in the structure's figures."""

import pytest
from playwright.sync_api import expect

from monitoring.models import Taxon
from monitoring.taxa import seed_taxa
from tests.factories import PASSWORD
from tests.monitoring.factories import DeploymentFactory, StructureFactory, ecologist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_an_observation_and_see_it_in_the_figures(page, live_server):

    seed_taxa(Taxon)  # transactional tests flush the data the migration seeded
    structure = StructureFactory(slug="n16", name="Faunatunnel N16")
    dep = DeploymentFactory(structure=structure)
    user = ecologist("browser-eco")
    user.set_password(PASSWORD)
    user.save()

    page.goto(f"{live_server.url}/accounts/login/?next=/monitoring/structures/n16/")
    page.fill("input[name=username]", "browser-eco")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form [type=submit]").click()
    page.get_by_role("link", name="Waarneming invoeren").first.click()

    species = page.get_by_label("Soort")
    expect(species).to_be_focused()  # the form starts on the species field
    species.fill("steenmart")
    page.get_by_label("Datum en tijd").fill(f"{dep.start:%Y-%m-%d}T23:30")
    page.get_by_label("Aantal").fill("2")
    page.get_by_label("Uitkomst").select_option("crossing")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.wait_for_url(f"{live_server.url}/monitoring/structures/n16/")
    row = page.locator("table.data tbody tr", has_text="steenmarter")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("2")  # individuals
    expect(page.locator(".figures li", has_text="onafhankelijke")).to_contain_text("1")
