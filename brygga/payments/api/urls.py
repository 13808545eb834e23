"""The API of the payments app under /api/v1/ (mounted by brygga/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "payments-api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("payments/runs/", views.PaymentRunListApi.as_view(), name="run-list"),
    path("payments/runs/<uuid:public_id>/", views.PaymentRunDetailApi.as_view(), name="run-detail"),
]
