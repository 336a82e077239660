"""Who may do what: one idiom for every app.

A *role* is a group (its name lives in the app's ``constants.py``). Every app has a ``permissions.py``
with the same shape, built from the three helpers here:

- ``has_role(user, *roles)``: the user is in one of the groups; an active superuser has every role.
- ``role_required(*roles)``: a view decorator; anonymous visitors go to the login page, others 403.
- ``api_permission(*roles)``: a DRF permission class for the same roles.

and the app's object rules next to them (``sites_for(user=...)``, ``can_record(user, deployment)``):
querysets limited to what the user may see (someone else's object answers 404) and yes/no checks.

Being staff (``is_staff``) grants nothing in an app: it only opens the Django admin, where the
model permissions of the user's groups decide what they see there.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import SAFE_METHODS, BasePermission

from portal.types import AnyUser


def is_superuser(user: AnyUser | None) -> bool:
    """The one superuser rule: an active, logged-in superuser passes every role check."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and getattr(user, "is_superuser", False)
    )


def group_names(user: AnyUser | None) -> frozenset[str]:
    """The names of the user's groups (none for anonymous or inactive users), read once per user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    names = getattr(user, "_portal_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._portal_group_names = names  # type: ignore[union-attr,attr-defined]
    return names


def has_role(user: AnyUser | None, *roles: str) -> bool:
    """Whether the user has one of the roles (is in one of these groups, or is a superuser)."""
    return is_superuser(user) or not group_names(user).isdisjoint(roles)


def role_required(*roles: str) -> Callable:
    """View decorator: anonymous visitors are sent to the login page, users without the role get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def api_permission(*roles: str, read_only_for_all: bool = False) -> type[BasePermission]:
    """A DRF permission class for the roles; ``read_only_for_all`` lets everybody read (GET, HEAD)."""

    class HasRole(BasePermission):
        def has_permission(self, request, view) -> bool:
            if read_only_for_all and request.method in SAFE_METHODS:
                return True
            return has_role(request.user, *roles)

    HasRole.__name__ = HasRole.__qualname__ = "HasRole_" + "_".join(r.replace(" ", "_") for r in roles)
    return HasRole
