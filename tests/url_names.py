"""Every named URL of the portal, walked from the root URLconf, so tests can insist that a new URL
is covered (an uncovered name fails the test that lists them)."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern


def named_routes() -> dict[str, str]:
    """``{"namespace:name": "route"}`` for every named URL pattern (routes without a language prefix)."""
    found: dict[str, str] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for entry in patterns:
            part = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + part, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                found.setdefault(f"{namespace}{entry.name}", prefix + part)

    walk(get_resolver().url_patterns, "", "")
    return found
