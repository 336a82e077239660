from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("2b-connect/", views.two_b_connect, name="two-b-connect"),
    path("sdgs/", views.goals, name="goals"),
    path("map.geojson", views.map_geojson, name="map-geojson"),
    path("<slug:slug>/", views.project_detail, name="project-detail"),
]
