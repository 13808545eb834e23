"""The decision letter on Mina sidor, included at the site root:
`path("", include("brygga.applicants.letter_urls"))`."""

from django.urls import path

from . import letter_views

app_name = "letters"

urlpatterns = [
    path(
        "mina-sidor/ansokan/<uuid:public_id>/beslut/<uuid:decision_id>/",
        letter_views.decision_letter,
        name="decision",
    ),
]
