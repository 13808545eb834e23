"""The project's URLs plus the public API, for the API tests (brygga/urls.py mounts the API
with the include line in brygga/website/api/urls.py's docstring)."""

from django.urls import include, path

from brygga.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("api/v1/", include("brygga.website.api.urls")),
]
