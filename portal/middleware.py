"""Language of API answers: the client's Accept-Language (or language cookie), Dutch by default.

Django's LocaleMiddleware gives every path without a language prefix the default language, which is
right for the HTML pages (``/`` Dutch, ``/en/`` English) but leaves API clients, whose URLs have no
prefix, no way to ask for English messages.
"""

from django.utils import translation


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
