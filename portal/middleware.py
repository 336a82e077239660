"""Language of each request: the URL's prefix for the HTML pages, the client's choice for the API.

Django's LocaleMiddleware gives every path without a language prefix the default language, which is
right for the HTML pages (``/`` Dutch, ``/en/`` English) but leaves API clients, whose URLs have no
prefix, no way to ask for English messages: API paths take the client's Accept-Language (or
language cookie), Dutch by default, in one negotiation.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)
