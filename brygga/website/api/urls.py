"""The public API under /api/v1/ (mounted by brygga/urls.py) and its OpenAPI schema.

The schema is published at schema/; a readable page rendered from it on the server is at
docs/ (brygga/integrations/api_docs.py, no script, strict CSP).
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
