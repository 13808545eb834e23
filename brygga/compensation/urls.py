"""Staff pages of the compensation app (mounted by brygga/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "compensation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("personal/ersattning/", views.rates, name="rates"),
    path("personal/ersattning/berakna/", views.estimate, name="estimate"),
    path("personal/ersattning/egna-nivaer/ny/", views.rate_override_create, name="rate-create"),
    path(
        "personal/ersattning/egna-nivaer/<uuid:public_id>/",
        views.rate_override_edit,
        name="rate-edit",
    ),
    path("personal/ersattning/installningar/", views.settings_save, name="settings"),
    path(
        "personal/klienter/beslut/<uuid:public_id>/kostnad/",
        views.decision_estimate,
        name="decision-estimate",
    ),
]
