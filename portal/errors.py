"""Errors raised by services, and their conversion into API answers and form errors.

Services raise Django's ``ValidationError`` (optionally per field, as a dict) or a ``ServiceError``
that names its field; they never know whether a form or the API called them. Two converters, one
for each caller, turn them into what a user sees:

- ``api_exception_handler`` (DRF's ``EXCEPTION_HANDLER``): a 400 with field errors, a 403 with the
  service's message;
- ``add_service_errors(form, error)``: the same messages as form errors, on their fields.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import BaseForm
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class ServiceError(Exception):
    """A request the rules refuse; ``field`` names the input the message belongs to (None: the whole)."""

    def __init__(self, message: str, *, code: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def as_validation_error(self) -> DjangoValidationError:
        error = DjangoValidationError(self.message, code=self.code)
        return DjangoValidationError({self.field: [error]}) if self.field else error


def as_api_error(exc: Exception) -> Exception:
    """The DRF exception that says the same as a service's own error (others are returned as they are)."""
    if isinstance(exc, ServiceError):
        exc = exc.as_validation_error()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, DjangoPermissionDenied) and exc.args:
        return exceptions.PermissionDenied(str(exc))
    return exc


def api_exception_handler(exc: Exception, context: dict):
    """DRF's handler, after turning services' errors into 400 (fields) or 403 (with their message)."""
    return exception_handler(as_api_error(exc), context)


def add_service_errors(form: BaseForm, error: DjangoValidationError | ServiceError) -> None:
    """Show a service's error on the form: on the field it names when the form has that field,
    else above the form."""
    if isinstance(error, ServiceError):
        error = error.as_validation_error()
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
