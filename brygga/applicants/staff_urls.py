from django.urls import path

from . import staff_views as views

# Included from applicants/urls.py, under the "applicants" namespace.
urlpatterns = [
    path("personal/sokande/", views.worklist, name="worklist"),
    path("personal/sokande/<uuid:public_id>/", views.applicant_detail, name="staff-detail"),
    path("personal/sokande/<uuid:public_id>/steg/", views.applicant_move, name="staff-move"),
    path("personal/sokande/<uuid:public_id>/ansvar/", views.applicant_assign, name="staff-assign"),
    path(
        "personal/sokande/<uuid:public_id>/forslag/", views.applicant_propose, name="staff-propose"
    ),
    path("personal/sokande/<uuid:public_id>/beslut/", views.applicant_decide, name="staff-decide"),
    path(
        "personal/sokande/<uuid:public_id>/dokument/<str:document_id>/",
        views.applicant_document,
        name="staff-document",
    ),
]
