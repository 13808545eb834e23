from django.urls import path

from . import views

app_name = "carers"

urlpatterns = [
    # Staff: the carer pool
    path("personal/uppdragstagare/", views.carer_list, name="carer-list"),
    path("personal/uppdragstagare/upphor-snart/", views.carer_expiring, name="carer-expiring"),
    path("personal/uppdragstagare/<uuid:public_id>/", views.carer_detail, name="carer-detail"),
    path(
        "personal/uppdragstagare/<uuid:public_id>/pausa/",
        views.carer_pause,
        name="carer-pause",
    ),
    path(
        "personal/uppdragstagare/<uuid:public_id>/ateraktivera/",
        views.carer_resume,
        name="carer-resume",
    ),
    path(
        "personal/uppdragstagare/<uuid:public_id>/avregistrera/",
        views.carer_deregister,
        name="carer-deregister",
    ),
    # Staff: training
    path("personal/utbildningar/", views.training_list, name="training-list"),
    path("personal/utbildningar/ny/", views.training_create, name="training-create"),
    path("personal/utbildningar/<uuid:public_id>/", views.training_edit, name="training-edit"),
    path(
        "personal/utbildningar/<uuid:public_id>/narvaro/",
        views.training_attendance,
        name="training-attendance",
    ),
    # Mina sidor: signing up for training
    path(
        "mina-sidor/utbildningar/<uuid:public_id>/anmal/",
        views.training_signup,
        name="training-signup",
    ),
    path(
        "mina-sidor/utbildningar/<uuid:public_id>/avboka/",
        views.training_cancel,
        name="training-cancel",
    ),
]
