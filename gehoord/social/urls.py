"""The signals queue for the coordinator, mounted at medewerkers/signalen/ (namespace 'social')."""

from django.urls import path

from gehoord.social import views

app_name = "social"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("importeren/", views.import_csv, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<str:action>/", views.act, name="act"),
]
