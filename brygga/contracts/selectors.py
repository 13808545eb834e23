"""Reads for contracts: the carer's own versions, a version in force on a date."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from brygga.accounts.models import User

from .constants import VersionStatus
from .models import Contract, ContractVersion


def versions_for_carer_user(*, user: User) -> QuerySet[ContractVersion]:
    """Versions the carer has been sent (the replaced ones too: kept and readable)."""
    return (
        ContractVersion.objects.filter(contract__assignment__carer__user=user)
        .select_related(
            "contract",
            "contract__organisation",
            "contract__assignment__carer",
            "contract__assignment__decision__assignment_type",
            "contract__assignment__decision__legal_basis",
            "contract__assignment__decision__client__unit",
            "signed_by",
        )
        .order_by("contract_id", "-number")
    )


def version_in_force(contract: Contract, on: date | None = None) -> ContractVersion | None:
    """The signed version (the latest signed one valid on `on`, when given)."""
    versions = contract.versions.filter(
        status__in=[VersionStatus.SIGNED, VersionStatus.SUPERSEDED], signed_at__isnull=False
    )
    if on is not None:
        versions = versions.filter(valid_from__lte=on)
    signed = versions.filter(status=VersionStatus.SIGNED).order_by("-number").first()
    if signed is not None and (on is None or signed.valid_from <= on):
        return signed
    return versions.order_by("-valid_from", "-number").first()
