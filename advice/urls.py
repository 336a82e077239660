from django.urls import path

from . import staff_views, views

app_name = "advice"

urlpatterns = [
    path("", views.request_form, name="request"),
    path("received/", views.received, name="received"),
    path("privacy/", views.privacy, name="privacy"),
    path("request/<str:token>/", views.follow, name="follow"),
    path("request/<str:token>/letter.pdf", views.follow_letter, name="follow-letter"),
    path("request/<str:token>/files/<int:pk>/", views.follow_attachment, name="follow-attachment"),
    path("team/", staff_views.queue, name="staff-queue"),
    path("team/figures/", staff_views.figures, name="staff-figures"),
    path("team/<int:pk>/", staff_views.detail, name="staff-detail"),
    path("team/<int:pk>/letter.pdf", staff_views.letter, name="staff-letter"),
    path("team/files/<int:pk>/", staff_views.attachment, name="staff-attachment"),
]
