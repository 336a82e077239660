"""One budget of public registrations per client address, shared by the form and the API."""

from portal.ratelimit import AddressRateThrottle


class RegistrationThrottle(AddressRateThrottle):
    """Limits anonymous registrations per address, against scripted sign-ups filling a meeting.

    Works on a plain Django request too, so the registration form on the meeting page counts
    against the same budget as the API endpoint.
    """

    scope = "meeting_registration"
    rate_setting = "MEETINGS_API_REGISTRATION_RATE"
