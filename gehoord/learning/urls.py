"""The register of improvement measures, mounted at medewerkers/verbetermaatregelen/ (namespace 'learning')."""

from django.urls import path

from gehoord.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.measure_list, name="list"),
    path("nieuw/", views.measure_new, name="new"),
    path("<int:pk>/", views.measure_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.measure_action, name="action"),
]
