from django.urls import path

from gehoord.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("elders/<slug:slug>/", views.elsewhere, name="elsewhere"),
    path("formulier/", views.complaint_form, name="form"),
    path("ontvangen/", views.received, name="received"),
    path("status/<str:reference>/<str:secret>/", views.status, name="status"),
    path("status/<str:reference>/<str:secret>/intrekken/", views.withdraw, name="withdraw"),
    path("status/<str:reference>/<str:secret>/brief/<int:pk>/", views.status_letter, name="status_letter"),
    path("stuur-door/", views.forward, name="forward"),
    path("stuur-door/bedankt/", views.forwarded, name="forwarded"),
]
