"""Writes for contracts: a new version (the first, or a change of terms), the carer's
acceptance on Mina sidor, and the signature for the municipality. Every step is audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.accounts.models import User
from brygga.assignments.models import Assignment
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.compensation.quoting import QuoteError

from .constants import ReportingFrequency, VersionStatus
from .models import Contract, ContractVersion
from .terms import TermsInput, terms_for

DEFAULT_INSURANCE = (
    "Kommunen har en olycksfallsförsäkring och en ansvarsförsäkring som gäller för "
    "uppdragstagaren under uppdraget."
)


class ContractStateError(ValueError):
    """The step does not fit the version's status."""


@transaction.atomic
def contract_version_create(
    *,
    assignment: Assignment,
    valid_from: date,
    actor: User,
    fee_percent: Decimal | None = None,
    expense_percent: Decimal | None = None,
    fee_level: str = "",
    expense_level: str = "",
    reporting_frequency: str = ReportingFrequency.MONTHLY,
    notice_months: int = 1,
    insurance: str = "",
    change_note: str = "",
) -> ContractVersion:
    """The assignment's first contract, or a new version with changed terms. Unanswered
    earlier versions are replaced at once; a signed one stays in force until this one is
    signed."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    decision = assignment.decision
    type_ = decision.assignment_type
    data = TermsInput(
        assignment_type_code=type_.code,
        law=decision.legal_basis.law_area,
        compensation_model=type_.compensation_model,
        valid_from=valid_from,
        fee_percent=fee_percent,
        expense_percent=expense_percent,
        fee_level=fee_level,
        expense_level=expense_level,
        client_birth_date=decision.client.birth_date,
    )
    try:
        terms = terms_for(data, organisation=assignment.organisation)
    except QuoteError as error:
        field = error.field if error.field in {"fee_percent", "expense_percent"} else "valid_from"
        raise ValidationError({field: error.message}) from error
    contract, created = Contract.objects.get_or_create(
        assignment=assignment,
        defaults={"organisation": assignment.organisation, "created_by": actor},
    )
    previous = contract.versions.order_by("-number").first()
    contract.versions.filter(status__in=[VersionStatus.SENT, VersionStatus.ACCEPTED]).update(
        status=VersionStatus.SUPERSEDED
    )
    version = ContractVersion.objects.create(
        contract=contract,
        number=(previous.number + 1) if previous else 1,
        valid_from=valid_from,
        compensation_model=type_.compensation_model,
        assignment_type_code=type_.code,
        law=data.law,
        fee_percent=fee_percent,
        expense_percent=expense_percent,
        fee_level=fee_level,
        expense_level=expense_level,
        terms=terms,
        scope_quantity=decision.scope_quantity,
        scope_unit=decision.scope_unit,
        scope_text=f"{decision.scope_quantity:g} {decision.get_scope_unit_display()}",
        reporting_frequency=reporting_frequency,
        notice_months=notice_months,
        insurance=insurance or DEFAULT_INSURANCE,
        change_note=change_note,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        event=AuditEventType.CONTRACT_VERSION_CREATED,
        subject=contract,
        organisation=contract.organisation,
        changes={"version": version.number, "new_contract": created},
    )
    return version


@transaction.atomic
def contract_accept(*, version: ContractVersion, actor: User) -> ContractVersion:
    """The carer accepts the terms, including the confidentiality undertaking."""
    version = ContractVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.SENT:
        raise ContractStateError(version.status)
    version.status = VersionStatus.ACCEPTED
    version.carer_accepted_at = timezone.now()
    version.save(update_fields=["status", "carer_accepted_at", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.CONTRACT_ACCEPTED,
        subject=version.contract,
        changes={"version": version.number},
    )
    return version


@transaction.atomic
def contract_sign(*, version: ContractVersion, actor: User) -> ContractVersion:
    """Signed for the municipality: this version is in force, an earlier one is replaced."""
    version = ContractVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.ACCEPTED:
        raise ContractStateError(version.status)
    if not actor.has_perm("contracts.sign_contract"):
        raise ValidationError(_("Du får inte skriva under uppdragsavtal."))
    version.contract.versions.filter(status=VersionStatus.SIGNED).update(
        status=VersionStatus.SUPERSEDED
    )
    version.status = VersionStatus.SIGNED
    version.signed_at = timezone.now()
    version.signed_by = actor
    version.save(update_fields=["status", "signed_at", "signed_by", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.CONTRACT_SIGNED,
        subject=version.contract,
        changes={"version": version.number},
    )
    return version
