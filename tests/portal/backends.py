"""Mail backends for tests: one whose server fails the way a real one does."""

from django.core.mail.backends.base import BaseEmailBackend


class ServerDownBackend(BaseEmailBackend):
    """Like SMTP with the server unreachable."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class BrokenMessageBackend(BaseEmailBackend):
    """A message that cannot be sent at all (e.g. a header the mail library refuses)."""

    def send_messages(self, email_messages):
        raise ValueError("Header values may not contain linefeed or carriage return characters")
