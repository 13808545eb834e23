from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("personal/gallring/", views.retention_overview, name="overview"),
    path("personal/gallring/gallra/", views.retention_run_now, name="run"),
]
