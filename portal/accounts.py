"""Accounts: log in with an e-mail address (or a staff user name) and land on your own pages.

Companies sign up with their e-mail address, so that is what the login form asks for; staff accounts
made in the admin keep logging in with their user name.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class EmailOrUsernameBackend(ModelBackend):
    """Django's model backend that also accepts the account's e-mail address (any letter case)."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password=None, **kwargs):
        User = get_user_model()
        login = username if username is not None else kwargs.get(User.USERNAME_FIELD)
        if not login or password is None:
            return None
        login = login.strip()
        candidates = list(User._default_manager.filter(username=login))
        if "@" in login:
            by_email = User._default_manager.filter(email__iexact=login)
            candidates += [user for user in by_email if user not in candidates]
        if not candidates:
            # Run the password hasher once anyway, so the answer time does not tell whether an account exists.
            User().set_password(password)
            return None
        for user in candidates:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        return None


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match an account. Mind capital letters in the password."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.label = _("E-mail address")
        field.help_text = _("Staff can also use their user name.")
        field.max_length = 254
        field.widget.attrs.update(
            {"autocomplete": "username", "inputmode": "email", "autocapitalize": "none", "maxlength": 254}
        )


def landing_url(*, user) -> str:
    """The page a user starts from after logging in: their own part of the portal."""
    from biodiva.permissions import has_company
    from monitoring.constants import ECOLOGISTS, STUDENTS

    groups = set(user.groups.values_list("name", flat=True))
    if has_company(user=user):
        return reverse("biodiva:index")
    if groups & {ECOLOGISTS, STUDENTS}:
        return reverse("monitoring:index")
    if "organisers" in groups:
        return reverse("meetings:staff-meeting-list")
    return reverse("home")


class PortalLoginView(LoginView):
    """Log in; a safe ``next`` address wins, otherwise the user's own landing page."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self) -> str:
        return landing_url(user=self.request.user)
