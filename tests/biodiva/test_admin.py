"""The admin pages list every row and render their whole form for staff."""

import pytest

from tests.admin_checks import (
    assert_add_form_has_its_fields,
    assert_changelist_lists_every_row,
    change_form_data,
)

from .factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "company",
    "site",
    "questionnaireversion",
    "theme",
    "question",
    "scan",
    "scanresult",
    "actionplanitem",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_pages_open(client, questionnaire, site, model):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    assert_changelist_lists_every_row(client, "biodiva", model)
    assert_add_form_has_its_fields(client, "biodiva", model)


def _site_admin_form(site, **changes):
    data = {
        "company": str(site.company_id),
        "name": site.name,
        "address": site.address,
        "latitude": str(site.latitude),
        "longitude": str(site.longitude),
        "surface_m2": str(site.surface_m2 or ""),
        "sector": site.sector,
        "activity": site.activity,
    }
    return data | changes


def test_a_site_moved_in_the_admin_gets_the_region_of_its_new_location(client, regions, company):
    """The admin saves through services.save_site, the one place that looks up a site's region."""
    from biodiva.models import Site
    from tests.biodiva.factories import SiteFactory

    site = SiteFactory(company=company, name="Werf", latitude=51.0875, longitude=4.3665)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = f"/admin/biodiva/site/{site.pk}/change/"
    response = client.post(url, _site_admin_form(site, latitude="51.3227", longitude="4.9447"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Site.objects.get(pk=site.pk).region.slug == "turnhoutse-kempen"


def test_a_site_row_posted_with_its_company_in_the_admin_is_not_added_and_no_error(client, regions, company):
    """Sites are added on the site page (location, sector... and their region through
    services.save_site); a site row on the company page without them was a server error."""
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = f"/admin/biodiva/company/{company.pk}/change/"
    prefix = client.get(url).context["inline_admin_formsets"][0].formset.prefix
    data = {
        "name": company.name,
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-name": "Werf Turnhout",
        f"{prefix}-0-address": "Grote Markt 1, Turnhout",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert not company.sites.filter(name="Werf Turnhout").exists()


def test_a_site_renamed_on_its_company_page_in_the_admin_is_stored_with_its_region(client, regions, company):
    """The site rows of the company page save through services.save_site too, so a site stored
    without its region (as before its region was known) gets it, as on the site's own page."""
    from biodiva.models import Site
    from tests.biodiva.factories import SiteFactory

    site = SiteFactory(company=company, name="Werf", address="Kerkstraat 1, 2850 Boom")
    assert site.region is None
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = f"/admin/biodiva/company/{company.pk}/change/"
    prefix = client.get(url).context["inline_admin_formsets"][0].formset.prefix
    data = {
        "name": company.name,
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-id": str(site.pk),
        f"{prefix}-0-company": str(company.pk),
        f"{prefix}-0-name": "Werf Boom",
        f"{prefix}-0-address": site.address,
    }
    response = client.post(url, data)

    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    site = Site.objects.get(pk=site.pk)
    assert (site.name, site.region.slug) == ("Werf Boom", "rupel-zenne-dijle")


def test_a_plan_item_ticked_done_in_the_admin_gets_its_date_done_as_on_the_plan_page(client, site):
    """services.update_plan_item stamps done_at when done is ticked and clears it when unticked."""
    from biodiva.models import ActionPlanItem
    from tests.landscapes.factories import MeasureFactory

    item = ActionPlanItem.objects.create(site=site, measure=MeasureFactory(), owner="Els")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = f"/admin/biodiva/actionplanitem/{item.pk}/change/"

    response = client.post(url, change_form_data(client, url, done="on"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.done and item.done_at is not None

    data = change_form_data(client, url)
    del data["done"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert not item.done and item.done_at is None
