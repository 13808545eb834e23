"""The staff API for carers under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import path

from . import views

app_name = "carers-api"

urlpatterns = [
    path("carers/", views.CarerListView.as_view(), name="carer-list"),
    path("carers/<uuid:public_id>/", views.CarerDetailView.as_view(), name="carer-detail"),
]
