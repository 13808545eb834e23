"""The staff API for applicants under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import path

from . import views

app_name = "applicants-api"

urlpatterns = [
    path("applicants/", views.ApplicantListView.as_view(), name="applicant-list"),
    path(
        "applicants/<uuid:public_id>/", views.ApplicantDetailView.as_view(), name="applicant-detail"
    ),
    path(
        "applicants/<uuid:public_id>/stage/",
        views.ApplicantStageMoveView.as_view(),
        name="applicant-stage",
    ),
]
