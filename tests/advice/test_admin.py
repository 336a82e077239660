import pytest
from django.contrib.auth.models import User

from advice import services
from tests.admin_checks import assert_changelist_lists_every_row

from .factories import AdviceRequestFactory, png

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
