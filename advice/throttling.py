"""One budget of public requests per client address, shared by the form and the API."""

from portal.ratelimit import AddressRateThrottle


class AdviceRequestThrottle(AddressRateThrottle):
    """Limits anonymous requests per address (kept in Django's cache), against scripted floods.

    Works on a plain Django request too, so the form counts against the same budget as the API.
    """

    scope = "advice_request"
    rate_setting = "ADVICE_REQUEST_RATE"
