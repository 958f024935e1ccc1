"""Privacy screens for the coordinator, mounted at medewerkers/privacy/ (namespace 'privacy')."""

from django.urls import path

from gehoord.privacy import views

app_name = "privacy"

urlpatterns = [
    # Before "<reference>/": a word, never a complaint's reference.
    path("overbrengen/", views.transfer_list, name="transfer_list"),
    path("<str:reference>/", views.complainant_data, name="complainant_data"),
    path("<str:reference>/gegevens.<str:fmt>", views.export_download, name="export"),
    path("<str:reference>/verwijderen/", views.erase, name="erase"),
]
