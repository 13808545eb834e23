"""Staff pages and Mina sidor pages of the payments app (mounted by brygga/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "payments"

_report = "mina-sidor/redovisningar/<uuid:report_id>"
_approval = "personal/redovisningar/<uuid:report_id>"
_run = "personal/utbetalningar/<uuid:run_id>"

urlpatterns: list[URLPattern | URLResolver] = [
    path("mina-sidor/avtal/<uuid:contract_id>/redovisa/", views.report_open, name="report-open"),
    path(f"{_report}/", views.report_edit, name="report-edit"),
    path(f"{_report}/utlagg/", views.expense_add, name="expense-add"),
    path(
        f"{_report}/utlagg/<int:expense_id>/ta-bort/", views.expense_remove, name="expense-remove"
    ),
    path(f"{_report}/utlagg/<int:expense_id>/kvitto/", views.receipt_own, name="receipt-own"),
    path("personal/redovisningar/", views.approval_list, name="approval-list"),
    path(f"{_approval}/", views.approval_detail, name="approval-detail"),
    path(f"{_approval}/beslut/", views.approval_decide, name="approval-decide"),
    path(f"{_approval}/kvitto/<int:expense_id>/", views.receipt_staff, name="receipt-staff"),
    path("personal/utbetalningar/", views.run_list, name="run-list"),
    path(f"{_run}/", views.run_detail, name="run-detail"),
    path(f"{_run}/export/<str:file_format>/", views.run_export, name="run-export"),
    path(f"{_run}/rader/<int:line_id>/rattelse/", views.line_adjust, name="line-adjust"),
]
