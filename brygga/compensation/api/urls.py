"""The staff API of the compensation app under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import path

from . import views

app_name = "compensation-api"

urlpatterns = [
    path("compensation/quote/", views.QuoteApi.as_view(), name="quote"),
]
