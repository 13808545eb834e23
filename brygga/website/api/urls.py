"""The public API under /api/v1/ (mounted by brygga/urls.py) and its OpenAPI schema.

The schema is published at schema/. An interactive docs page would need
drf-spectacular-sidecar (no CDN at run time), which is not installed.
"""

from django.urls import path

from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "website-api"

urlpatterns = [
    path(
        "assignment-types/",
        views.AssignmentTypePageListView.as_view(),
        name="assignment-type-list",
    ),
    path(
        "open-assignments/",
        views.OpenAssignmentListView.as_view(),
        name="open-assignment-list",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
