"""The complaints mailbox for the coordinator, mounted at medewerkers/postvak/ (namespace 'mailbox')."""

from django.urls import path

from gehoord.mailbox import views

app_name = "mailbox"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("eml/", views.upload, name="upload"),
    path("<int:pk>/apart-zetten/", views.dismiss, name="dismiss"),
]
