"""The staff API for matching and assignments under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import path

from . import views

app_name = "assignments-api"

urlpatterns = [
    path(
        "decisions/<uuid:public_id>/candidates/",
        views.DecisionCandidatesApi.as_view(),
        name="candidates",
    ),
    path("decisions/<uuid:public_id>/offers/", views.DecisionOffersApi.as_view(), name="offers"),
    path(
        "decisions/<uuid:public_id>/assignments/",
        views.DecisionAssignmentsApi.as_view(),
        name="assignments",
    ),
]
