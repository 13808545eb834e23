"""The API of the contracts app under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "contracts-api"

urlpatterns: list[URLPattern | URLResolver] = []
