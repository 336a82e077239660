from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.include_root_view = False
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("meeting-outcomes", api.OutcomeViewSet, basename="meeting-outcome")
router.register("meeting-registrations", api.RegistrationViewSet, basename="meeting-registration")

urlpatterns = router.urls
