import pytest
from django.contrib.auth.models import User

from advice import services
from tests.admin_checks import assert_changelist_lists_every_row

from .factories import AdviceRequestFactory, ecologist, png

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/advice/advicerequest/", "/admin/advice/advicerequest/{pk}/change/"])
def test_admin_lists_and_shows_requests_with_notes_history_and_files(client, region, path):
    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    advice_request = services.submit_request(
        name="An",
        email="an@example.org",
        organisation_type="citizen",
        topic="biodiversity",
        description="Tuin",
        consent=True,
        latitude=51.15,
        longitude=4.45,
        photos=[png("tuin.png")],
    )
    services.add_note(advice_request=advice_request, author=admin, text="Interne notitie")
    AdviceRequestFactory()

    html = client.get(path.format(pk=advice_request.pk)).content.decode()

    assert advice_request.reference in html
    if "change" in path:
        assert "Interne notitie" in html and "tuin.png" in html and "aanvraag ontvangen" in html
    else:
        assert_changelist_lists_every_row(client, "advice", "advicerequest")


def test_the_admin_leaves_the_status_to_the_team_page_which_keeps_the_history_and_mails(client):
    """Answering, referring or declining happens on the team's page (its services write the history
    and e-mail the requester); the admin shows the status with a link there and does not change it."""
    from advice.models import AdviceRequest
    from tests.admin_checks import change_form_data

    advice_request = AdviceRequestFactory()
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    url = f"/admin/advice/advicerequest/{advice_request.pk}/change/"
    page = client.get(url).content.decode()
    assert f'<a href="{advice_request.get_staff_url()}">' in page

    response = client.post(url, change_form_data(client, url, status="answered"))

    assert response.status_code == 302, response.context["adminform"].form.errors
    advice_request.refresh_from_db()
    assert advice_request.status == AdviceRequest.Status.NEW


def test_the_admin_leaves_assignment_visit_reason_answer_and_links_to_the_team_page(client):
    """Each is a step on the team's page (services.assign, plan_site_visit, triage, answer, link),
    which keeps the history and e-mails the requester: the admin shows them read-only under the
    link there, and a change posted anyway changes nothing, writes no history and sends nothing."""
    from datetime import date

    from django.core import mail

    from advice.models import AdviceRequest
    from tests.admin_checks import change_form_data
    from tests.landscapes.factories import MeasureFactory

    member, other = ecologist("eco"), ecologist("eco2")
    advice_request = AdviceRequestFactory(
        status=AdviceRequest.Status.ACCEPTED,
        assigned_to=member,
        site_visit_on=date(2031, 5, 4),
        decision_reason="Dringend",
        answer="",
    )
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    url = f"/admin/advice/advicerequest/{advice_request.pk}/change/"
    response = client.get(url)
    form, page = response.context["adminform"].form, response.content.decode()
    team = ["assigned_to", "site_visit_on", "decision_reason", "answer", "measures", "structure"]
    assert not set(team) & set(form.fields)
    team_part = page[page.index("Het werk van het team") :]
    assert f'<a href="{advice_request.get_staff_url()}">Wijzig deze op de teampagina' in team_part
    assert f">{member.username}</a>" in team_part
    assert "Dringend" in team_part and "4 mei 2031" in team_part

    changes = {
        "assigned_to": str(other.pk),
        "site_visit_on": "2031-06-01",
        "decision_reason": "Anders",
        "answer": "Plant een haag.",
        "measures": [str(MeasureFactory().pk)],
        "phone": "03 123 45 67",  # the requester's own data stay correctable
    }
    response = client.post(url, change_form_data(client, url, **changes))

    assert response.status_code == 302, response.context["adminform"].form.errors
    advice_request.refresh_from_db()
    assert advice_request.phone == "03 123 45 67"
    assert (advice_request.assigned_to, advice_request.site_visit_on) == (member, date(2031, 5, 4))
    assert (advice_request.decision_reason, advice_request.answer) == ("Dringend", "")
    assert not advice_request.measures.exists()
    assert not advice_request.history.exists() and not mail.outbox


def test_requests_are_not_added_in_the_admin_but_sent_through_the_form_or_the_api(client):
    """A request made in the admin would have no region, no "received" history and no e-mail
    (``services.submit_request``), so the admin offers no add page."""
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))

    assert client.get("/admin/advice/advicerequest/add/").status_code == 403
    changelist = client.get("/admin/advice/advicerequest/").content.decode()
    assert "/admin/advice/advicerequest/add/" not in changelist


def test_a_place_corrected_in_the_admin_gets_its_region_from_the_rule_and_outside_the_province_is_refused(
    client, regions
):
    from advice.models import AdviceRequest
    from landscapes.models import Region
    from tests.admin_checks import change_form_data

    antwerp_city = Region.objects.get(slug="stad-haven-polders")
    advice_request = AdviceRequestFactory(region=antwerp_city, latitude=51.2194, longitude=4.4025)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    url = f"/admin/advice/advicerequest/{advice_request.pk}/change/"

    outside = client.post(url, change_form_data(client, url, latitude="50.85", longitude="4.35"))  # Brussels
    assert outside.status_code == 200
    assert "niet in de provincie Antwerpen" in outside.content.decode()
    advice_request.refresh_from_db()
    assert (advice_request.latitude, advice_request.region) == (51.2194, antwerp_city)

    moved = client.post(url, change_form_data(client, url, latitude="51.0875", longitude="4.3665"))  # Boom
    assert moved.status_code == 302, moved.context["adminform"].form.errors
    advice_request.refresh_from_db()
    assert advice_request.region.slug == "rupel-zenne-dijle"
    assert AdviceRequest.objects.count() == 1
