"""Carers for tests, created through the service the applicants app calls. Fictional people,
Skatteverket's test personnummer."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from brygga.accounts.tests.factories import UserFactory
from brygga.carers.constants import CheckKind, CheckOutcome, TrainingKind
from brygga.carers.models import Carer, TrainingSession
from brygga.carers.services import (
    ApprovalSpec,
    CarerPerson,
    CheckSpec,
    carer_create_from_investigation,
)
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.testdata import make_test_personnummer

_counter = itertools.count(1)


def make_person(**overrides: Any) -> CarerPerson:
    n = next(_counter)
    birth = date(1960, 1, 1) + timedelta(days=37 * n)
    values: dict[str, Any] = {
        "personal_identity_number": make_test_personnummer(
            birth.strftime("%Y%m%d"), f"{980 + n % 20}"
        ),
        "first_name": "Kim",
        "last_name": f"Exempelsson{n}",
        "birth_date": birth,
        "street_address": f"Provgatan {n}",
        "postal_code": "123 45",
        "city": "Centrum",
        "phone": "070-123 45 67",
        "email": f"carer{n}@test.example",
        "languages": ["svenska"],
    }
    values.update(overrides)
    return CarerPerson(**values)


def make_carer(
    organisation: Any,
    *,
    types: tuple[str, ...] = ("kontaktperson",),
    group: str | None = "barn-och-unga",
    valid_until: date | None = None,
    checks: list[CheckSpec] | None = None,
    actor: Any = None,
    user: Any = None,
    **person: Any,
) -> Carer:
    data = make_person(**person)
    if user is None:
        user = UserFactory(public=True, organisation=organisation, email=data.email)
    target_group = TargetGroup.objects.get(code=group) if group else None
    approvals = [
        ApprovalSpec(AssignmentType.objects.get(code=code), target_group, valid_until)
        for code in types
    ]
    today = timezone.localdate()
    if checks is None:
        checks = [
            CheckSpec(CheckKind.CRIMINAL_RECORD, today, today, CheckOutcome.NO_ENTRY),
        ]
    return carer_create_from_investigation(
        organisation=organisation,
        user=user,
        person=data,
        approvals=approvals,
        checks=checks,
        decision_reference="BESLUT-1",
        source_applicant_ref=None,
        actor=actor,
    )


def make_session(organisation: Any, **overrides: Any) -> TrainingSession:
    start = timezone.now() + timedelta(days=10)
    values: dict[str, Any] = {
        "organisation": organisation,
        "title": "Introduktion för nya kontaktpersoner",
        "kind": TrainingKind.INTRO,
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "location": "Kommunhuset, Torget 1",
        "capacity": 10,
        "published": True,
    }
    values.update(overrides)
    return TrainingSession.objects.create(**values)
