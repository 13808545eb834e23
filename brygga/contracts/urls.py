"""Staff pages and Mina sidor pages of the contracts app (mounted by brygga/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "contracts"

_contract = "personal/klienter/beslut/<uuid:public_id>/uppdrag/<uuid:assignment_id>/avtal"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{_contract}/", views.staff_contract, name="staff-detail"),
    path(f"{_contract}/<uuid:version_id>/signera/", views.sign, name="sign"),
    path(f"{_contract}/<uuid:version_id>/avtal.pdf", views.staff_pdf, name="staff-pdf"),
    path("mina-sidor/avtal/<uuid:version_id>/", views.carer_detail, name="carer-detail"),
    path("mina-sidor/avtal/<uuid:version_id>/avtal.pdf", views.carer_pdf, name="carer-pdf"),
]
