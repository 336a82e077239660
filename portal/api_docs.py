"""The API documentation pages (Swagger UI, ReDoc) under the portal's Content-Security-Policy.

Swagger UI gets its start script as a separate file (no inline script). ReDoc renders its styles
with styled-components (inline ``<style>`` elements) and parses the schema in a ``blob:`` worker:
only its page allows those two things.
"""

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api_docs/swagger_ui.html"


class RedocView(SpectacularRedocView):
    template_name = "api_docs/redoc.html"


def swagger_view(**kwargs):
    return SwaggerView.as_view(**kwargs)


def redoc_view(**kwargs):
    loosen = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})
    return loosen(RedocView.as_view(**kwargs))
