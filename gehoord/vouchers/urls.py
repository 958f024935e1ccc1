"""Flower vouchers for the coordinator, mounted at medewerkers/bloemenbonnen/ (namespace 'vouchers')."""

from django.urls import path

from gehoord.vouchers import views

app_name = "vouchers"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("bestelling/", views.new_batch, name="new_batch"),
    path("bon/<int:pk>/vervalt/", views.not_applicable, name="not_applicable"),
    path("bestelling/<int:pk>/", views.batch_detail, name="batch"),
    path("bestelling/<int:pk>/<str:step>/", views.batch_step, name="batch_step"),
    path("bestelling/<int:pk>/lijst.<str:fmt>", views.batch_export, name="export"),
]
