import pytest
from django.contrib.auth.models import User

from tests.meetings.factories import MeetingFactory, OutcomeFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["meeting", "registration", "outcome", "stakeholdergroup"])
def test_admin_lists_and_forms_render(client, model):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    OutcomeFactory(meeting=meeting)

    assert client.get(f"/admin/meetings/{model}/").status_code == 200
    assert client.get(f"/admin/meetings/{model}/add/").status_code == 200
