from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import DeletionLedgerEntry, RetentionRule, RetentionRun


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin[RetentionRule]):
    """Periods are edited here; rules are never deleted (the ledger refers to them)."""

    list_display = ["organisation", "target", "period_months", "anchor", "keep_research_days"]
    list_filter = ["organisation", "is_active"]
    readonly_fields = ["organisation", "target"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class _ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(_ReadOnly):
    list_display = ["organisation", "as_of", "started_at", "trigger", "removed"]


@admin.register(DeletionLedgerEntry)
class DeletionLedgerEntryAdmin(_ReadOnly):
    list_display = ["run", "target", "model_label", "record_id", "action", "removed_at"]
    list_filter = ["target", "action"]
