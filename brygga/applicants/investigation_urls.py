"""The investigation pages of a case and the recruitment configuration, included under
/personal/sokande/: `path("personal/sokande/", include("brygga.applicants.investigation_urls"))`.
"""

from django.urls import path

from . import investigation_views as views

app_name = "investigation"

urlpatterns = [
    path("krav/", views.rule_list, name="rule-list"),
    path("krav/ny/", views.rule_new, name="rule-new"),
    path("krav/<int:pk>/", views.rule_edit, name="rule-edit"),
    path("installningar/", views.settings_edit, name="settings"),
    path(
        "<uuid:public_id>/registerkontroller/ny/",
        views.register_check_new,
        name="register-check-new",
    ),
    path(
        "<uuid:public_id>/registerkontroller/<int:pk>/",
        views.register_check_record,
        name="register-check-record",
    ),
    path("<uuid:public_id>/referenser/ny/", views.reference_new, name="reference-new"),
    path(
        "<uuid:public_id>/referenser/<int:pk>/",
        views.reference_contact,
        name="reference-contact",
    ),
    path("<uuid:public_id>/moten/ny/", views.meeting_new, name="meeting-new"),
    path("<uuid:public_id>/moten/<int:pk>/", views.meeting_record, name="meeting-record"),
    path(
        "<uuid:public_id>/bedomning/<str:type_code>/",
        views.assessment_edit,
        name="assessment",
    ),
]
