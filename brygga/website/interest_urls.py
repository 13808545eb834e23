from django.urls import path

from . import interest_views as views

# Included by brygga/urls.py; linked from the public pages as /anmal-intresse/?typ=<code>.
app_name = "interest"

urlpatterns = [
    path("anmal-intresse/", views.interest_start, name="start"),
    path("anmal-intresse/kontrollera/", views.interest_check, name="check"),
    path("anmal-intresse/skickad/", views.interest_sent, name="sent"),
    path("anmal-intresse/<slug:slug>/", views.interest_step, name="step"),
]
