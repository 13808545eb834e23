from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("personal/klienter/", views.worklist, name="worklist"),
    path("personal/klienter/sok/", views.client_list, name="client-list"),
    path("personal/klienter/ny/", views.client_create, name="client-create"),
    path("personal/klienter/<uuid:public_id>/", views.client_detail, name="client-detail"),
    path("personal/klienter/<uuid:public_id>/andra/", views.client_edit, name="client-edit"),
    path(
        "personal/klienter/<uuid:public_id>/vardnadshavare/ny/",
        views.guardian_form,
        name="guardian-create",
    ),
    path(
        "personal/klienter/<uuid:public_id>/vardnadshavare/<str:guardian_id>/",
        views.guardian_form,
        name="guardian-edit",
    ),
    path(
        "personal/klienter/<uuid:public_id>/beslut/nytt/",
        views.decision_create,
        name="decision-create",
    ),
    path(
        "personal/klienter/beslut/<uuid:public_id>/",
        views.decision_detail,
        name="decision-detail",
    ),
    path(
        "personal/klienter/beslut/<uuid:public_id>/andra/",
        views.decision_edit,
        name="decision-edit",
    ),
    path(
        "personal/klienter/beslut/<uuid:public_id>/genomforandeplan/",
        views.plan_save,
        name="plan-save",
    ),
    path(
        "personal/klienter/beslut/<uuid:public_id>/uppfoljning/",
        views.follow_up_create,
        name="follow-up-create",
    ),
]
