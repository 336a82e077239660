from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("map.geojson", views.map_geojson, name="map-geojson"),
    path("taxa.json", views.taxa_json, name="taxa-json"),
    path("media/<int:pk>/", views.media_file, name="media-file"),
    path("structures/new/", views.structure_edit, name="structure-create"),
    path("structures/<slug:slug>/", views.structure_detail, name="structure-detail"),
    path("structures/<slug:slug>/edit/", views.structure_edit, name="structure-edit"),
    path("deployments/new/", views.deployment_edit, name="deployment-create"),
    path("deployments/<int:pk>/", views.deployment_detail, name="deployment-detail"),
    path("deployments/<int:pk>/edit/", views.deployment_edit, name="deployment-edit"),
    path("deployments/<int:pk>/failures/", views.failure_add, name="failure-add"),
    path("deployments/<int:pk>/observe/", views.observation_create, name="observation-create"),
    path("deployments/<int:pk>/csv/", views.csv_upload, name="csv-upload"),
    path("deployments/<int:pk>/images/", views.image_upload, name="image-upload"),
    path("mine/", views.my_observations, name="my-observations"),
    path("review/", views.review, name="review"),
    path("export/", views.export, name="export"),
]
