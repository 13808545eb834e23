"""The staff API for clients and decisions under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import path

from . import views

app_name = "clients-api"

urlpatterns = [
    path("clients/", views.ClientListView.as_view(), name="client-list"),
    path("clients/<uuid:public_id>/", views.ClientDetailView.as_view(), name="client-detail"),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path(
        "decisions/<uuid:public_id>/",
        views.DecisionDetailView.as_view(),
        name="decision-detail",
    ),
]
