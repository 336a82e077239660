"""Accounts: log in with an e-mail address (or a staff user name) and land on your own pages.

Companies sign up with their e-mail address, so that is what the login form asks for; staff accounts
made in the admin keep logging in with their user name.
"""

from typing import Any, cast

from axes.backends import AxesStandaloneBackend
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from .links import password_reset_domain
from .ratelimit import PasswordResetThrottle, over_limit


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


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (pages, admin, HTTP
    Basic). Code that authenticates without one (the test client's ``login``, shell scripts) runs
    inside the portal, where there is no client address to count."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "This e-mail address and password do not match an account. Mind capital letters in the password."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = cast(forms.CharField, self.fields["username"])
        field.label = _("E-mail address")
        field.help_text = _("Staff can also use their user name.")
        field.max_length = 254
        field.widget.attrs.update(
            {"autocomplete": "username", "inputmode": "email", "autocapitalize": "none", "maxlength": 254}
        )


def landing_url(*, user) -> str:
    """The page a user starts from after logging in: their own part of the portal, asked of each
    app's permissions module, so a role means the same here as on the pages it opens."""
    from biodiva.permissions import has_company, is_advisor, is_biodiva_staff
    from meetings.permissions import is_organiser
    from monitoring.permissions import is_team_member

    if user.is_superuser:
        return reverse("admin:index")
    if has_company(user=user):
        return reverse("biodiva:index")
    if is_team_member(user):
        return reverse("monitoring:index")
    if is_organiser(user):
        return reverse("meetings:staff-meeting-list")
    if is_biodiva_staff(user):
        return reverse("biodiva:overview")
    if is_advisor(user):
        return reverse("biodiva:advisor-overview")
    return reverse("home")


class PortalLoginView(LoginView):
    """Log in; a safe ``next`` address wins, otherwise the user's own landing page."""

    form_class = EmailAuthenticationForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self) -> str:
        return landing_url(user=self.request.user)


def login_name_for_lockout(request: HttpRequest | None, credentials: dict | None) -> str:
    """The account a login attempt counts against, so its e-mail address (in any letter case) and
    its user name share one budget; an unknown name counts as typed, in lower case."""
    name = (credentials or {}).get("username")
    if name is None and request is not None and request.method == "POST":
        name = request.POST.get("username")
    typed = str(name or "").strip()
    if "@" in typed:
        by_email = get_user_model()._default_manager.filter(email__iexact=typed).order_by("pk")
        username = by_email.values_list("username", flat=True).first()
        if username:
            return username.lower()
    return typed.lower()


class SiteUrlPasswordResetForm(PasswordResetForm):
    """The reset link is on ``SITE_URL``, never on the host the request came in on."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        site = password_reset_domain()
        kwargs.update(domain_override=site["domain_override"], use_https=site["use_https"])
        super().save(*args, **kwargs)


class PortalPasswordResetView(PasswordResetView):
    """Django's password reset, with a budget of requests per client address (429 beyond it)."""

    form_class = SiteUrlPasswordResetForm

    def form_valid(self, form) -> HttpResponse:
        if over_limit(PasswordResetThrottle, self.request):
            form.add_error(None, _("Too many requests from your address. Try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


def is_portal_script(request: HttpRequest) -> bool:
    """A request made by a script on one of the portal's own pages, as the browser tells (fetch
    metadata, which scripts cannot set): a fetch or XHR (``Sec-Fetch-Mode`` cors or same-origin, not a
    navigation) from the portal's origin (``Sec-Fetch-Site: same-origin``) without an
    ``Authorization`` header, so it relies on the session."""
    headers = request.headers
    return (
        headers.get("Sec-Fetch-Site") == "same-origin"
        and headers.get("Sec-Fetch-Mode") in ("cors", "same-origin")
        and "Authorization" not in headers
    )


class LockoutAwareBasicAuthentication(BasicAuthentication):
    """HTTP Basic on the API, counted by the login lockout: a locked-out account or address gets
    429 (even with the right password) instead of another password check."""

    def authenticate_header(self, request) -> str | None:
        """The scheme of a 401: Basic for API clients, but ``Session`` for the portal's own scripts,
        as a Basic challenge makes the browser open its login box over the page."""
        if is_portal_script(request):
            return "Session"
        return super().authenticate_header(request)

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if request is not None and getattr(request, "axes_locked_out", False):
                raise exceptions.Throttled(
                    detail=_("Too many failed logins. Try again in %(minutes)s minutes.")
                    % {"minutes": _lockout_minutes()}
                ) from None
            raise


class LockoutAwareBasicScheme(BasicScheme):
    """The OpenAPI schema documents it as plain HTTP Basic."""

    target_class = "portal.accounts.LockoutAwareBasicAuthentication"


def locked_out_page(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out login gets (429), in the visitor's language."""
    from django.shortcuts import render

    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": _lockout_minutes()}
    return render(request, "registration/locked_out.html", context, status=429)


def _lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
