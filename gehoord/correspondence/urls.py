"""Staff URLs of letters, under /medewerkers/brieven/."""

from django.urls import path

from gehoord.correspondence import views

app_name = "correspondence"

urlpatterns = [
    path("<int:pk>/pdf/", views.letter_pdf, name="pdf"),
    path("<int:pk>/geprint/", views.mark_printed, name="mark_printed"),
    path("<int:pk>/opnieuw-versturen/", views.retry, name="retry"),
    path("klacht/<str:reference>/ontbrekende-gegevens/", views.missing_elements, name="missing_elements"),
    path("klacht/<str:reference>/kopie-beklaagde/", views.copy_to_involved, name="copy_to_involved"),
]
