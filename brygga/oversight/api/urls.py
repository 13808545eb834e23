"""The staff API for oversight under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import path

from . import views

app_name = "oversight-api"

urlpatterns = [
    path(
        "oversight/unimplemented/",
        views.UnimplementedRegisterApi.as_view(),
        name="unimplemented",
    ),
]
