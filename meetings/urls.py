from django.urls import path

from . import staff_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("calendar.ics", views.calendar_all, name="calendar-all"),
    path("privacy/", views.privacy, name="privacy"),
    path("map.geojson", views.map_geojson, name="map-geojson"),
    path("region/<slug:slug>/calendar.ics", views.calendar_region, name="calendar-region"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("documents/<int:pk>/", views.document_file, name="document"),
    path("<int:pk>/calendar.ics", views.calendar_meeting, name="calendar-meeting"),
    path("<int:pk>/registered/", views.registration_received, name="registration-received"),
    path("registration/<str:token>/", views.registration_detail, name="registration-detail"),
    path("registration/<str:token>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("registration/<str:token>/calendar.ics", views.registration_calendar, name="registration-calendar"),
    path("staff/", staff_views.meeting_list, name="staff-meeting-list"),
    path("staff/new/", staff_views.meeting_create, name="staff-meeting-create"),
    path("staff/<int:pk>/", staff_views.meeting_edit, name="staff-meeting-edit"),
    path("staff/<int:pk>/copy/", staff_views.meeting_copy, name="staff-meeting-copy"),
    path("staff/<int:pk>/publish/", staff_views.meeting_publish, name="staff-meeting-publish"),
    path("staff/<int:pk>/cancel/", staff_views.meeting_cancel, name="staff-meeting-cancel"),
    path("staff/<int:pk>/registrations/", staff_views.registrations, name="staff-registrations"),
    path("staff/<int:pk>/registrations.csv", staff_views.registrations_csv, name="staff-registrations-csv"),
    path("staff/<int:pk>/check-in.pdf", staff_views.checkin_pdf, name="staff-checkin-pdf"),
    path("staff/<int:pk>/report/", staff_views.report, name="staff-report"),
    path("staff/documents/<int:pk>/delete/", staff_views.document_delete, name="staff-document-delete"),
    path("staff/<int:pk>/outcomes/new/", staff_views.outcome_create, name="staff-outcome-create"),
    path("staff/outcomes/<int:pk>/", staff_views.outcome_edit, name="staff-outcome-edit"),
]
