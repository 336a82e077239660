"""One budget of public registrations per client address, shared by the form and the API."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class RegistrationThrottle(AnonRateThrottle):
    """Limits anonymous registrations per address, against scripted sign-ups filling a meeting.

    Works on a plain Django request too, so the registration form on the meeting page counts
    against the same budget as the API endpoint.
    """

    scope = "meeting_registration"

    def get_rate(self) -> str:
        return settings.MEETINGS_API_REGISTRATION_RATE
