"""The API documentation pages (Swagger UI, ReDoc) under the portal's Content-Security-Policy.

Swagger UI gets its start script as a separate file (no inline script). ReDoc renders its styles
with styled-components (inline ``<style>`` elements) and parses the schema in a ``blob:`` worker:
only its page allows those two things. ReDoc's bundle is served by the portal without the link to
its maker's logo on their CDN (:func:`redoc_bundle`), so the page requests nothing from elsewhere.
"""

from functools import cache
from pathlib import Path

from csp.decorators import csp_update
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# The "API docs by Redocly" logo: with no address the image asks for nothing and hides itself.
REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api_docs/swagger_ui.html"


class RedocView(SpectacularRedocView):
    template_name = "api_docs/redoc.html"


def swagger_view(**kwargs):
    return SwaggerView.as_view(**kwargs)


def redoc_view(**kwargs):
    loosen = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})
    return loosen(RedocView.as_view(**kwargs))


@cache
def _redoc_bundle() -> bytes:
    path = finders.find(REDOC_BUNDLE)
    if not isinstance(path, str):
        raise FileNotFoundError(REDOC_BUNDLE)
    return Path(path).read_text(encoding="utf-8").replace(REDOC_CDN_LOGO, "").encode()


@require_safe
@cache_control(public=True, max_age=86400)
def redoc_bundle(request: HttpRequest) -> HttpResponse:
    """drf-spectacular-sidecar's ReDoc, without the one address outside the portal."""
    return HttpResponse(_redoc_bundle(), content_type="text/javascript; charset=utf-8")
