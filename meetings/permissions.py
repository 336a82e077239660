"""Who may do what in meetings: organisers run the staff area and see attendee data; everybody
else sees published meetings and, once the report is out, its documents."""

from portal.permissions import AnyUser, api_permission, has_role, role_required

from .constants import ORGANISERS_GROUP
from .models import MeetingDocument

# Roles ---------------------------------------------------------------------------------------------


def is_organiser(user: AnyUser) -> bool:
    """Organisers (and superusers) manage meetings and are the only ones who see attendee data."""
    return has_role(user, ORGANISERS_GROUP)


organiser_required = role_required(ORGANISERS_GROUP)
IsOrganiser = api_permission(ORGANISERS_GROUP)

# Object rules --------------------------------------------------------------------------------------


def can_see_document(*, document: MeetingDocument, user: AnyUser) -> bool:
    """Everybody once the report of a public meeting is published; before that organisers only."""
    meeting = document.meeting
    return meeting.report_is_public or is_organiser(user)
