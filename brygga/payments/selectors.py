"""Reads for payments. What a carer is paid is visible only to the carer, finance officers and
the staff handling the contract (the decision's unit scope); never on the client's pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from brygga.accounts.models import User
from brygga.clients.models import Decision
from brygga.contracts.constants import VersionStatus
from brygga.contracts.models import Contract

from .models import PaymentRun, Report

REPORT_RELATED = (
    "contract_version",
    "carer",
    "contract__assignment__decision__assignment_type",
)


def signed_contracts_for_carer_user(*, user: User) -> QuerySet[Contract]:
    return (
        Contract.objects.filter(assignment__carer__user=user, versions__status=VersionStatus.SIGNED)
        .select_related("assignment__decision__assignment_type", "assignment__carer")
        .distinct()
    )


def reports_for_carer_user(*, user: User) -> QuerySet[Report]:
    return Report.objects.filter(carer__user=user).select_related(*REPORT_RELATED)


def can_approve(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("payments.approve_report"))


def reports_for_officer(*, user: Any) -> QuerySet[Report]:
    """Reports under decisions the officer may reach (organisation and unit scope)."""
    if not can_approve(user):
        return Report.objects.none()
    return Report.objects.filter(
        # The organisation on the report itself lets its indexes serve the sorted lists.
        organisation_id=user.organisation_id,
        contract__assignment__decision__in=Decision.objects.visible_to(user),
    ).select_related(*REPORT_RELATED, "contract__assignment__decision__client")


def runs_for(*, user: Any) -> QuerySet[PaymentRun]:
    if not (user.is_authenticated and user.has_perm("payments.view_paymentrun")):
        return PaymentRun.objects.none()
    return PaymentRun.objects.filter(organisation_id=user.organisation_id)
