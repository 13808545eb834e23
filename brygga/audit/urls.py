from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("personal/logg/", views.log_review, name="log-review"),
]
