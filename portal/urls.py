"""The portal's URLs: HTML pages under a language prefix (none for Dutch), the API under /api/v1/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from landscapes import api as landscape_api
from landscapes import views as landscape_views
from portal.accounts import PortalLoginView, PortalPasswordResetView
from portal.api_docs import redoc_bundle, redoc_view, swagger_view
from portal.views import accessibility, favicon, health_view, privacy, ready_view

api_v1 = [
    path("", include("landscapes.api_urls")),
    path("", include("meetings.api_urls")),
    path("", include("biodiva.api_urls")),
    path("", include("monitoring.api_urls")),
    path("", include("projects.api_urls")),
    path("", include("advice.api_urls")),
]

urlpatterns = [
    path("healthz", health_view, name="health"),
    path("readyz", ready_view, name="ready"),
    # The overview map's hot path, resolved in one step rather than through the API's includes.
    path("api/v1/regions/lookup/", landscape_api.region_lookup, name="region-lookup"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", swagger_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", redoc_view(url_name="api-schema"), name="api-redoc"),
    path("api/redoc/redoc.standalone.js", redoc_bundle, name="api-redoc-bundle"),
    # Browsers ask for /favicon.ico where a page names no icon (PDFs, the API's JSON).
    path("favicon.ico", favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/login/", PortalLoginView.as_view(), name="login"),
    path("accounts/password_reset/", PortalPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accessibility/", accessibility, name="accessibility"),
    path("privacy/", privacy, name="privacy"),
    path("meetings/", include("meetings.urls")),
    path("biodiva/", include("biodiva.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("projects/", include("projects.urls")),
    path("advice/", include("advice.urls")),
    path("", landscape_views.home, name="home"),
    path("", include("landscapes.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Development only: public uploads straight from MEDIA_ROOT (in production the web server does
    # this for the same folders). Private files (meeting documents, camera pictures) are served by
    # their apps' checked views.
    from django.urls import re_path
    from django.views.static import serve

    public = "|".join(settings.PUBLIC_MEDIA_FOLDERS)
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>(?:{public})/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
