from django.urls import path

from gehoord.cases import bulk_views, views

app_name = "cases"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("selectie/", bulk_views.complaint_bulk, name="bulk"),
    path("<str:reference>/", views.complaint_detail, name="detail"),
    path("<str:reference>/toegang/", views.complaint_access_log, name="access_log"),
    path("<str:reference>/stap/<str:name>/", views.complaint_step, name="step"),
    path("<str:reference>/actie/<str:name>/", views.complaint_action, name="action"),
    path("<str:reference>/bijlagen/<int:pk>/", views.attachment_download, name="attachment"),
]
