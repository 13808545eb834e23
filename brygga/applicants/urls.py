from django.urls import path

from . import views

app_name = "applicants"

urlpatterns = [
    path(
        "mina-sidor/ansokan/<uuid:public_id>/aterkalla/",
        views.applicant_withdraw,
        name="withdraw",
    ),
]
