"""One budget of public requests per client address, shared by the form and the API."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AdviceRequestThrottle(AnonRateThrottle):
    """Limits anonymous requests per address (kept in Django's cache), against scripted floods.

    Works on a plain Django request too, so the form counts against the same budget as the API.
    """

    scope = "advice_request"

    def get_rate(self) -> str:
        return settings.ADVICE_REQUEST_RATE
