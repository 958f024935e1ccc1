"""The public survey (``/e/<id>/<secret>/``) and its results for staff (``medewerkers/enquete/``)."""

from django.urls import path

from gehoord.surveys import views

app_name = "surveys"

urlpatterns = [
    path("e/<int:pk>/<str:secret>/", views.answer, name="answer"),
    path("e/bedankt/", views.thanks, name="thanks"),
    path("medewerkers/enquete/", views.results, name="results"),
    path("medewerkers/enquete/antwoorden.csv", views.export, name="export"),
]
