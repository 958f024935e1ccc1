"""The coordinator's screen for the waits of the second factor, mounted at medewerkers/wachttijden-inloggen/.

Not under medewerkers/tweestapsverificatie/: that prefix is open to a session without a second factor.
"""

from django.urls import path

from gehoord.accounts import views

app_name = "employees"

urlpatterns = [
    path("", views.waits, name="waits"),
    path("<int:pk>/opheffen/", views.lift_wait, name="lift_wait"),
]
