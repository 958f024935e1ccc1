"""Staff intake, mounted at medewerkers/registreren/ with the namespace 'registration'."""

from django.urls import path

from gehoord.intake import staff_views

app_name = "registration"

urlpatterns = [
    path("", staff_views.register, name="register"),
]
