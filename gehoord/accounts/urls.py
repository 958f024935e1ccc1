from django.urls import path

from gehoord.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("instellen/", views.setup, name="setup"),
]
