"""Technical administration of price base amounts, rates, settings and employer contributions."""

from django.contrib import admin

from .models import CompensationSettings, EmployerContributionRate, PriceBaseAmount, Rate


@admin.register(PriceBaseAmount)
class PriceBaseAmountAdmin(admin.ModelAdmin[PriceBaseAmount]):
    list_display = ("year", "amount", "status", "source")
    list_filter = ("status",)


@admin.register(Rate)
class RateAdmin(admin.ModelAdmin[Rate]):
    list_display = (
        "valid_from",
        "valid_to",
        "organisation",
        "assignment_type",
        "law",
        "component",
        "band",
        "level",
        "basis",
        "value",
        "rounding",
        "status",
    )
    list_filter = ("status", "component", "law", "assignment_type", "organisation", "valid_from")
    search_fields = ("source",)
    list_select_related = ("organisation", "assignment_type")
    date_hierarchy = "valid_from"


@admin.register(CompensationSettings)
class CompensationSettingsAdmin(admin.ModelAdmin[CompensationSettings]):
    list_display = (
        "organisation",
        "double_half_arrival_day",
        "eves_are_holidays",
        "friday_arrival_fraction",
    )


@admin.register(EmployerContributionRate)
class EmployerContributionRateAdmin(admin.ModelAdmin[EmployerContributionRate]):
    list_display = ("valid_from", "valid_to", "born_from_year", "born_to_year", "percent", "status")
    list_filter = ("status",)
