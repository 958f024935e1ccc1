"""/api/v1/: the REST API, its OpenAPI 3 schema and its documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from gehoord.api import views
from gehoord.api.auth import AddressThrottle
from gehoord.social import webhook

urlpatterns = [
    path("complaints/", views.ComplaintList.as_view(), name="api-complaints"),
    path("complaints/<str:reference>/", views.ComplaintDetail.as_view(), name="api-complaint"),
    path("complaints/<str:reference>/timeline/", views.ComplaintTimeline.as_view(), name="api-timeline"),
    path("complaints/<str:reference>/notes/", views.ComplaintNotes.as_view(), name="api-notes"),
    path("complaints/<str:reference>/contacts/", views.ComplaintContacts.as_view(), name="api-contacts"),
    path(
        "complaints/<str:reference>/transitions/",
        views.ComplaintTransitions.as_view(),
        name="api-transitions",
    ),
    path("figures/", views.ReportFigures.as_view(), name="api-figures"),
    path("social/signals/", webhook.receive_signals, name="social-webhook"),
    path("schema/", SpectacularAPIView.as_view(throttle_classes=[AddressThrottle]), name="api-schema"),
    path("docs/", views.api_docs, name="api-docs"),
]
