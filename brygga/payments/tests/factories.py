"""Helpers for contract and payment tests: an active assignment with a signed contract, made
through the services where they matter (contracts, reports). Fictional people only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from brygga.assignments.constants import AssignmentStatus
from brygga.assignments.models import Assignment
from brygga.carers.services import CheckSpec
from brygga.carers.tests.factories import make_carer
from brygga.clients.tests.factories import make_client, make_decision
from brygga.contracts import services as contract_services
from brygga.contracts.models import ContractVersion
from brygga.core.testdata import make_test_personnummer

_serial = iter(range(10**6))


def _client_number(birth_date: str) -> str:
    """A test personnummer born on `birth_date` (own sequence, so the shared one in
    clients.tests.factories is left alone for tests that expect its first numbers)."""
    return make_test_personnummer(birth_date, str(980 + next(_serial) % 20))


CHECKS = (
    "criminal_record",
    "suspicion_register",
    "social_services",
    "enforcement_authority",
    "children_extract_2013_852",
)


def make_assignment(
    organisation: Any,
    unit: Any,
    officer: Any,
    *,
    type_code: str = "kontaktperson",
    started_on: date,
    scope_quantity: Decimal = Decimal("4"),
    scope_unit: str = "meetings_per_month",
    client_birth: str = "20150312",
    carer_first_name: str = "Olle",
    carer_user: Any = None,
) -> Assignment:
    client = make_client(
        organisation, unit, officer, first_name="Tilda", identifier=_client_number(client_birth)
    )
    decision = make_decision(
        client,
        officer,
        type=type_code,
        decision_date=started_on - timedelta(days=20),
        period_from=started_on - timedelta(days=20),
        scope_quantity=scope_quantity,
        scope_unit=scope_unit,
    )
    shown = started_on - timedelta(days=30)
    carer = make_carer(
        organisation,
        types=(type_code,),
        group=None,
        checks=[CheckSpec(kind, shown, shown, "no_entry") for kind in CHECKS],
        first_name=carer_first_name,
        email=f"{carer_first_name.lower()}@test.example",
        user=carer_user,
    )
    return Assignment.objects.create(
        organisation=organisation,
        decision=decision,
        carer=carer,
        status=AssignmentStatus.ACTIVE,
        started_on=started_on,
    )


def make_signed_contract(
    assignment: Assignment, officer: Any, *, valid_from: date, **terms: Any
) -> ContractVersion:
    version = contract_services.contract_version_create(
        assignment=assignment, valid_from=valid_from, actor=officer, **terms
    )
    contract_services.contract_accept(version=version, actor=assignment.carer.user)
    return contract_services.contract_sign(version=version, actor=officer)
