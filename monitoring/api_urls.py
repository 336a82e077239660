from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("monitoring/taxa", api.TaxonViewSet, basename="monitoring-taxon")
router.register("monitoring/structures", api.StructureViewSet, basename="monitoring-structure")
router.register("monitoring/deployments", api.DeploymentViewSet, basename="monitoring-deployment")
router.register("monitoring/observations", api.ObservationViewSet, basename="monitoring-observation")
router.register("monitoring/statistics", api.StatisticsViewSet, basename="monitoring-statistics")
router.register("monitoring/exports", api.ExportViewSet, basename="monitoring-export")

urlpatterns = router.urls
