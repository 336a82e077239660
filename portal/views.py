from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from . import health


@require_safe
def health_view(request: HttpRequest) -> JsonResponse:
    """Liveness check for a load balancer or process manager: the application answers."""
    return JsonResponse({"status": "ok"})


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for ``/favicon.ico`` where a page names no icon (a PDF, the API's JSON)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_safe
def ready_view(request: HttpRequest) -> JsonResponse:
    """Readiness: the database, the shared cache and the task broker answer (503 when one does not)."""
    checks = health.readiness()
    ok = all(not state.startswith("error") for state in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (WCAG 2.1 AA), in the language of the page."""
    return render(request, "portal/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement for the whole portal: accounts, meetings, BIODIVA, monitoring and advice."""
    return render(
        request,
        "portal/privacy.html",
        {
            "anonymise_months": settings.MEETINGS_ANONYMISE_AFTER_MONTHS,
            "advice_months": settings.ADVICE_ANONYMISE_AFTER_MONTHS,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )
