"""Helpers that make clients and decisions through the services. Fictional people only."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from brygga.catalogue.models import AssignmentType
from brygga.clients import services
from brygga.clients.constants import Consent, ScopeUnit
from brygga.clients.models import Client, Decision, LegalBasis
from brygga.clients.selectors import legal_basis_valid_on
from brygga.core.testdata import make_test_personnummer

_serial = iter(range(10**6))


def next_test_number(birth_date: str = "20150312") -> str:
    """A different test personnummer each call (birth number 980–999, then the next day)."""
    n = next(_serial)
    day = date(int(birth_date[:4]), int(birth_date[4:6]), int(birth_date[6:])) + timedelta(
        days=n // 20
    )
    return make_test_personnummer(day.strftime("%Y%m%d"), str(980 + n % 20))


def make_client(organisation: Any, unit: Any, actor: Any, **fields: Any) -> Client:
    identifier = fields.pop("identifier", None) or next_test_number()
    officer = fields.pop("responsible_officer", None)
    guardians = fields.pop("guardians", None)
    base = {"first_name": "Testa", "last_name": "Klientsson"} | fields
    return services.client_register(
        organisation=organisation,
        unit=unit,
        identifier=identifier,
        fields=base,
        responsible_officer=officer,
        guardians=guardians,
        actor=actor,
    )


def basis_for(on: date, law_area: str = "sol", code_prefix: str = "") -> LegalBasis:
    queryset = legal_basis_valid_on(on).filter(law_area=law_area)
    if code_prefix:
        queryset = queryset.filter(code__startswith=code_prefix)
    found = queryset.first()
    assert found is not None
    return found


def make_decision(client: Client, actor: Any, **fields: Any) -> Decision:
    decided = fields.pop("decision_date", None) or timezone.localdate() - timedelta(days=10)
    data = {
        "assignment_type": AssignmentType.objects.get(code=fields.pop("type", "kontaktperson")),
        "target_group": None,
        "legal_basis": fields.pop("legal_basis", None) or basis_for(decided),
        "scope_quantity": Decimal("2"),
        "scope_unit": ScopeUnit.MEETINGS_PER_MONTH,
        "period_from": decided,
        "period_to": None,
        "decision_date": decided,
        "decided_by": actor,
        "decided_by_title": "Enhetschef",
        "goals": "Meningsfull fritid",
        "consent": Consent.GUARDIANS,
        "consent_recorded_on": decided,
    } | fields
    return services.decision_register(client=client, fields=data, actor=actor)
