from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("regions", api.RegionViewSet, basename="region")
router.register("species", api.SpeciesViewSet, basename="species")
router.register("measures", api.MeasureViewSet, basename="measure")
router.register("municipalities", api.MunicipalityViewSet, basename="municipality")

urlpatterns = [
    path("regions.geojson", api.regions_geojson, name="regions-geojson"),
    path("municipalities.geojson", api.municipalities_geojson, name="municipalities-geojson"),
    *router.urls,
]
