from __future__ import annotations

from datetime import date

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory

from .factories import make_assignment, make_signed_contract

START = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def finance_officer(organisation):
    return UserFactory(organisation=organisation, roles=[Role.FINANCE_OFFICER], first_name="Fia")


@pytest.fixture
def contract_version(organisation, unit, case_officer):
    assignment = make_assignment(organisation, unit, case_officer, started_on=START)
    return make_signed_contract(assignment, case_officer, valid_from=START)


@pytest.fixture
def family_version(organisation, unit, case_officer):
    assignment = make_assignment(
        organisation,
        unit,
        case_officer,
        type_code="kontaktfamilj",
        started_on=START,
        scope_quantity=1,
        scope_unit="weekends_per_month",
        carer_first_name="Karin",
    )
    return make_signed_contract(assignment, case_officer, valid_from=START)
