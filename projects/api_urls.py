from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.include_root_view = False
router.register("projects", api.ProjectViewSet, basename="project")

urlpatterns = router.urls
