from django.urls import path

from . import views

app_name = "landscapes"

urlpatterns = [
    path("regions/", views.region_list, name="region-list"),
    path("regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("regions/<slug:slug>/brochure.pdf", views.region_brochure, name="region-brochure"),
    path("find/", views.find_region, name="find-region"),
    path("species/", views.species_list, name="species-list"),
    path("species/<int:pk>/", views.species_detail, name="species-detail"),
    path("measures/", views.measure_list, name="measure-list"),
    path("measures/<slug:slug>/", views.measure_detail, name="measure-detail"),
]
