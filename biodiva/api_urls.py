from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("biodiva/questionnaires", api.QuestionnaireViewSet, basename="biodiva-questionnaire")
router.register("biodiva/sites", api.SiteViewSet, basename="biodiva-site")
router.register("biodiva/scans", api.ScanViewSet, basename="biodiva-scan")
router.register("biodiva/action-plan", api.ActionPlanItemViewSet, basename="biodiva-action-plan")

urlpatterns = router.urls
