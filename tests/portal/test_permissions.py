"""The one permissions idiom: roles are groups, an active superuser has every role, staff has none."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory

from portal.permissions import api_permission, has_role, role_required
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_is_a_group_and_being_staff_is_none():
    member = UserFactory(username="member", groups=["organisers"])
    staff = UserFactory(username="staff", is_staff=True)
    assert has_role(member, "organisers") and has_role(member, "ecologists", "organisers")
    assert not has_role(member, "ecologists")
    assert not has_role(staff, "organisers")
    assert not has_role(AnonymousUser(), "organisers")


def test_only_an_active_superuser_has_every_role():
    root = UserFactory(username="root", is_superuser=True)
    assert has_role(root, "organisers")
    root.is_active = False
    assert not has_role(root, "organisers")
    inactive = UserFactory(username="gone", groups=["organisers"], is_active=False)
    assert not has_role(inactive, "organisers")


def test_role_required_sends_visitors_to_login_and_refuses_others():
    view = role_required("organisers")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/meetings/staff/")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    request.user = UserFactory(username="resident")
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = UserFactory(username="organiser", groups=["organisers"])
    assert view(request).content == b"ok"


def test_api_permission_lets_everybody_read_only_when_asked():
    everyone_reads = api_permission("ecologists", read_only_for_all=True)()
    team_only = api_permission("ecologists")()
    factory = APIRequestFactory()
    resident = UserFactory(username="resident")
    read, write = factory.get("/"), factory.post("/")
    for request in (read, write):
        request.user = resident
    assert everyone_reads.has_permission(read, None) and not everyone_reads.has_permission(write, None)
    assert not team_only.has_permission(read, None)
    write.user = UserFactory(username="eco", groups=["ecologists"])
    assert team_only.has_permission(write, None)
