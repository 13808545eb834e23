from django.urls import path

from . import views
from .staff_urls import urlpatterns as staff_urlpatterns

app_name = "applicants"

urlpatterns = [
    path("mina-sidor/ansokan/<uuid:public_id>/", views.applicant_detail, name="detail"),
    path(
        "mina-sidor/ansokan/<uuid:public_id>/dokument/<str:document_id>/",
        views.applicant_document_download,
        name="document",
    ),
    path(
        "mina-sidor/ansokan/<uuid:public_id>/mina-uppgifter/",
        views.applicant_data_export,
        name="export",
    ),
    path(
        "mina-sidor/ansokan/<uuid:public_id>/aterkalla/",
        views.applicant_withdraw,
        name="withdraw",
    ),
]

urlpatterns += staff_urlpatterns
