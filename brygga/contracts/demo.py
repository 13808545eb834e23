"""Demo contracts for Ekby kommun: a signed contract for each running assignment, one waiting
for the carer and one waiting for the municipality's signature, and one changed contract with
its old version kept."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.assignments.constants import AssignmentStatus
from brygga.assignments.models import Assignment

from . import services
from .models import ContractVersion


def create_demo_contracts(organisation: Organisation) -> list[ContractVersion]:
    officer = User.objects.get(email="handlaggare@ekby.example")
    assignments = list(
        Assignment.objects.filter(
            organisation=organisation,
            status__in=[AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED],
        )
        .select_related("carer__user", "decision__assignment_type")
        .order_by("started_on", "id")
    )
    signed: list[ContractVersion] = []
    changed = False
    for index, assignment in enumerate(assignments):
        valid_from = assignment.started_on or timezone.localdate()
        version = services.contract_version_create(
            assignment=assignment, valid_from=valid_from, actor=officer
        )
        demo_user = assignment.carer.user.email == "uppdragstagare@ekby.example"
        if index == 1 and not demo_user:
            continue  # waiting for the carer to accept
        services.contract_accept(version=version, actor=assignment.carer.user)
        if index == 2 and not demo_user:
            continue  # accepted, waiting for the signature
        services.contract_sign(version=version, actor=officer)
        if not changed and assignment.decision.assignment_type.code == "kontaktperson":
            changed = True
            # A change of terms: category 2 from this month, the old version kept.
            today = timezone.localdate()
            new_terms = services.contract_version_create(
                assignment=assignment,
                valid_from=max(valid_from, today.replace(day=1)),
                fee_percent=Decimal("15"),
                change_note="Fler träffar: kategori 2",
                actor=officer,
            )
            services.contract_accept(version=new_terms, actor=assignment.carer.user)
            version = services.contract_sign(version=new_terms, actor=officer)
        signed.append(version)
    return signed
