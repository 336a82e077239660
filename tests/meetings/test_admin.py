import pytest
from django.contrib.auth.models import User

from tests.admin_checks import assert_add_form_has_its_fields, assert_changelist_lists_every_row
from tests.meetings.factories import MeetingFactory, OutcomeFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["meeting", "registration", "outcome", "stakeholdergroup"])
def test_admin_lists_and_forms_render(client, model):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    OutcomeFactory(meeting=meeting)

    assert_changelist_lists_every_row(client, "meetings", model)
    assert_add_form_has_its_fields(client, "meetings", model)


def test_admin_reads_an_online_link_typed_without_scheme_as_https(rf):
    from django.contrib.admin.sites import site

    from meetings.models import Meeting

    request = rf.get("/")
    request.user = User.objects.create_superuser("admin", "admin@example.org", "x")
    form_class = site._registry[Meeting].get_form(request)
    assert (
        form_class.base_fields["online_url"].clean("meet.example.org/room") == "https://meet.example.org/room"
    )
