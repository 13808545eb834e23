from typing import Any

from django.contrib import admin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    """Read only: runs are made on the staff page; the record holds no personal data."""

    list_display = ["created_at", "organisation", "kind", "status", "total_rows", "valid_rows"]
    list_filter = ["organisation", "kind", "status"]
    exclude = ["file_path"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
