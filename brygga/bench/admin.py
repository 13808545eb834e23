"""Admin changelists for the models whose staff lists are benchmarked (bench settings only).

Plain `ModelAdmin`s showing the same columns as the staff list, with `list_select_related`
for the columns that follow a foreign key: the fair baseline "what Django gives for free".
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from brygga.applicants.models import Applicant
from brygga.carers.models import Carer
from brygga.clients.models import Client, Decision
from brygga.payments.models import Report


class CarerAdmin(admin.ModelAdmin[Carer]):
    list_display = ("last_name", "first_name", "city", "status", "max_concurrent_assignments")
    list_filter = ("status",)


class ClientAdmin(admin.ModelAdmin[Client]):
    list_display = ("last_name", "first_name", "birth_date", "unit", "responsible_officer")
    list_select_related = ("unit", "responsible_officer")


class DecisionAdmin(admin.ModelAdmin[Decision]):
    list_display = ("client", "assignment_type", "decision_date", "status", "implemented_on")
    list_select_related = ("client", "assignment_type")
    list_filter = ("status",)


class ApplicantAdmin(admin.ModelAdmin[Applicant]):
    list_display = ("last_name", "first_name", "stage", "stage_changed_at", "assigned_officer")
    list_select_related = ("assigned_officer",)
    list_filter = ("stage",)


class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ("carer", "period_start", "period_end", "status", "submitted_at")
    list_select_related = ("carer",)
    list_filter = ("status",)


def _register(model: Any, model_admin: Any) -> None:
    if not admin.site.is_registered(model):
        admin.site.register(model, model_admin)


_register(Carer, CarerAdmin)
_register(Client, ClientAdmin)
_register(Decision, DecisionAdmin)
_register(Applicant, ApplicantAdmin)
_register(Report, ReportAdmin)
