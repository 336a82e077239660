from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness check for a load balancer or process manager: the application answers."""
    return JsonResponse({"status": "ok"})


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (WCAG 2.1 AA), in the language of the page."""
    return render(request, "portal/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement for the whole portal: accounts, BIODIVA, meetings and monitoring."""
    return render(
        request,
        "portal/privacy.html",
        {"anonymise_months": getattr(settings, "MEETINGS_ANONYMISE_AFTER_MONTHS", 12)},
    )
