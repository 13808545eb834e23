"""The technical administration of payment settings: the late-report limit, reminders and the
payroll system's salary codes (lönearter) per organisation (ADR 0025). No personal data."""

from django.contrib import admin

from .models import PaymentSettings


@admin.register(PaymentSettings)
class PaymentSettingsAdmin(admin.ModelAdmin[PaymentSettings]):
    list_display = [
        "organisation",
        "late_limit_months",
        "reminder_days_before",
        "salary_code_fee",
        "salary_code_expense_allowance",
        "salary_code_travel",
        "salary_code_outlay",
    ]
