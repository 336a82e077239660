from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness check for a load balancer or process manager: the application answers."""
    return JsonResponse({"status": "ok"})
