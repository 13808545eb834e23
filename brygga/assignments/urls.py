from django.urls import path

from . import views

app_name = "assignments"

_decision = "personal/klienter/beslut/<uuid:public_id>"
_assignment = f"{_decision}/uppdrag/<uuid:assignment_id>"

urlpatterns = [
    path(f"{_decision}/matchning/", views.candidates, name="candidates"),
    path(
        f"{_decision}/matchning/erbjud/<uuid:carer_id>/",
        views.offer_create,
        name="offer-create",
    ),
    path(f"{_decision}/uppdrag/", views.decision_assignments, name="decision"),
    path(f"{_decision}/publicera/", views.publish, name="publish"),
    path(f"{_assignment}/forsta-mote/", views.first_meeting, name="first-meeting"),
    path(f"{_assignment}/bekrafta/", views.confirm_client, name="confirm-client"),
    path(f"{_assignment}/starta/", views.start, name="start"),
    path(f"{_assignment}/pausa/", views.pause, name="pause"),
    path(f"{_assignment}/avbrott/", views.interrupt, name="interrupt"),
    path(f"{_assignment}/ateruppta/", views.resume, name="resume"),
    path(f"{_assignment}/avsluta/", views.end, name="end"),
    path(f"{_assignment}/ny-matchning/", views.rematch, name="rematch"),
    path("mina-sidor/erbjudanden/<uuid:offer_id>/svar/", views.offer_respond, name="offer-respond"),
    path(
        "mina-sidor/uppdrag/<uuid:assignment_id>/bekrafta/",
        views.carer_confirm,
        name="carer-confirm",
    ),
]
