"""The OpenAPI schema of the portal's API: every operation documents the error answers it can give."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from portal.accounts import LockoutAwareBasicAuthentication

UNAUTHENTICATED = OpenApiResponse(
    description="Not logged in, or wrong HTTP Basic credentials (`WWW-Authenticate` names the scheme)."
)
FORBIDDEN = OpenApiResponse(
    description="Logged in without the right to this (or a session call without CSRF token)."
)
TOO_MANY = OpenApiResponse(
    description="Too many requests or failed logins from this address; try again later."
)


class PortalAutoSchema(AutoSchema):
    """Adds 401, 403 and 429 where they can occur, unless the operation documents them itself."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        authenticators = self.view.get_authenticators()
        errors = {}
        if authenticators:
            errors["401"] = UNAUTHENTICATED  # wrong credentials fail even on a public operation
            if {} not in self.get_auth() or self.method not in SAFE_METHODS:
                errors["403"] = FORBIDDEN
        if self.view.get_throttles() or any(
            isinstance(authenticator, LockoutAwareBasicAuthentication) for authenticator in authenticators
        ):
            errors["429"] = TOO_MANY
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
