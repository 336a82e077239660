"""Who may do what in advice: the ecologists team handles the requests; a requester reaches their own
request only through its personal link (the token), never by logging in."""

from portal.permissions import AnyUser, api_permission, has_role, role_required

from .constants import ECOLOGISTS_GROUP

# Roles ---------------------------------------------------------------------------------------------


def is_ecologist(user: AnyUser) -> bool:
    """Members of the ecologists team (and superusers) handle requests; nobody else sees them."""
    return has_role(user, ECOLOGISTS_GROUP)


ecologist_required = role_required(ECOLOGISTS_GROUP)
IsEcologist = api_permission(ECOLOGISTS_GROUP)

# Object rules: every team member handles every request; a requester's token is their own key
# (``selectors.request_by_token``).
