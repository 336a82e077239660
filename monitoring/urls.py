from django.urls import path

from . import team_views, views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("students/", views.students, name="students"),
    path("map.geojson", views.map_geojson, name="map-geojson"),
    path("taxa.json", views.taxa_json, name="taxa-json"),
    path("media/<int:pk>/", views.media_file, name="media-file"),
    path("structures/new/", team_views.structure_edit, name="structure-create"),
    path("structures/<slug:slug>/", views.structure_detail, name="structure-detail"),
    path("structures/<slug:slug>/edit/", team_views.structure_edit, name="structure-edit"),
    path("deployments/new/", team_views.deployment_edit, name="deployment-create"),
    path("deployments/<int:pk>/", team_views.deployment_detail, name="deployment-detail"),
    path("deployments/<int:pk>/edit/", team_views.deployment_edit, name="deployment-edit"),
    path("deployments/<int:pk>/failures/", team_views.failure_add, name="failure-add"),
    path("deployments/<int:pk>/observe/", team_views.observation_create, name="observation-create"),
    path("deployments/<int:pk>/csv/", team_views.csv_upload, name="csv-upload"),
    path("deployments/<int:pk>/images/", team_views.image_upload, name="image-upload"),
    path("mine/", team_views.my_observations, name="my-observations"),
    path("review/", team_views.review, name="review"),
    path("export/", team_views.export, name="export"),
]
