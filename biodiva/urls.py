from django.urls import path

from . import advisor_views, staff_views, views

app_name = "biodiva"

urlpatterns = [
    path("", views.index, name="index"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup-sent"),
    path("signup/confirm/<str:token>/", views.signup_confirm, name="signup-confirm"),
    path("companies/<int:company_pk>/sites/new/", views.site_create, name="site-create"),
    path("sites/<int:pk>/", views.site_detail, name="site-detail"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site-edit"),
    path("sites/<int:pk>/delete/", views.site_delete, name="site-delete"),
    path("sites/<int:pk>/scan/", views.scan_start, name="scan-start"),
    path("scans/<int:pk>/step/<int:step>/", views.scan_step, name="scan-step"),
    path("scans/<int:pk>/", views.scan_result, name="scan-result"),
    path("scans/<int:pk>/report.pdf", views.scan_report_pdf, name="scan-report"),
    path("scans/<int:pk>/plan/", views.plan_add, name="plan-add"),
    path("plan/<int:pk>/", views.plan_item_update, name="plan-item-update"),
    path("plan/<int:pk>/delete/", views.plan_item_delete, name="plan-item-delete"),
    path("scans/<int:pk>/advisor-request/", advisor_views.request_create, name="advisor-request"),
    path("companies/<int:pk>/advisors/", advisor_views.company_advisors, name="company-advisors"),
    path("companies/<int:pk>/advisors/<int:user_pk>/end/", advisor_views.advisor_end, name="advisor-end"),
    path("advisor/", advisor_views.advisor_overview, name="advisor-overview"),
    path("advisor/companies/<int:pk>/", advisor_views.advisor_company, name="advisor-company"),
    path("staff/advisor-requests/", advisor_views.staff_requests, name="staff-advisor-requests"),
    path("staff/advisor-requests/<int:pk>/assign/", advisor_views.staff_assign, name="staff-assign-advisor"),
    path("overview/", staff_views.overview, name="overview"),
    path("overview.csv", staff_views.overview_csv, name="overview-csv"),
]
