"""The API's JSON parser: malformed, too deeply nested or NUL-carrying documents answer 400."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from .hostile import first_unsafe_text

# Far deeper than any document the API accepts; far shallower than Python's recursion limit.
MAX_DEPTH = 32


def _too_deep(document, limit: int = MAX_DEPTH) -> bool:
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("The JSON document is nested too deeply.")) from None
        if _too_deep(document):
            raise exceptions.ParseError(_("The JSON document is nested too deeply."))
        unsafe = first_unsafe_text(document)
        if unsafe is not None:
            field, message = unsafe
            raise exceptions.ValidationError({field: [message]})
        return document
