from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.include_root_view = False
router.register("advice/queue", api.QueueViewSet, basename="advice-queue")

urlpatterns = [
    path("advice/requests/", api.RequestCreateView.as_view(), name="advice-request-create"),
    path("advice/figures/", api.FiguresView.as_view(), name="advice-figures"),
    *router.urls,
]
