from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("personal/logg/", views.log_review, name="log-review"),
    path("personal/logg/export.csv", views.log_export, name="log-export"),
    path("personal/logg/lasningar/", views.read_summary, name="read-summary"),
    path(
        "personal/logg/lasningar/export.csv", views.read_summary_export, name="read-summary-export"
    ),
]
