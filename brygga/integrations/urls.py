from django.urls import path

from . import views

app_name = "integrations"

urlpatterns = [
    path("personal/integrationer/api-nycklar/", views.token_list, name="token-list"),
    path(
        "personal/integrationer/api-nycklar/<uuid:public_id>/aterkalla/",
        views.token_revoke,
        name="token-revoke",
    ),
    path("personal/integrationer/import/", views.import_home, name="import-home"),
    path(
        "personal/integrationer/import/mall/<slug:kind>.<slug:file_format>",
        views.import_template,
        name="import-template",
    ),
    path(
        "personal/integrationer/import/<uuid:public_id>/",
        views.import_detail,
        name="import-detail",
    ),
    path(
        "personal/integrationer/import/<uuid:public_id>/importera/",
        views.import_confirm,
        name="import-confirm",
    ),
    path("api/v1/docs/", views.api_docs, name="api-docs"),
]
