"""Reporting windows are configuration the technical admin edits (domain §3.8)."""

from django.contrib import admin

from .models import ReportingWindow


@admin.register(ReportingWindow)
class ReportingWindowAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "organisation",
        "quarter",
        "opens_month",
        "opens_day",
        "closes_month",
        "closes_day",
    )
    list_filter = ("organisation",)
