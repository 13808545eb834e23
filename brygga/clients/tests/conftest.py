from __future__ import annotations

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory


@pytest.fixture
def other_unit(organisation):
    return UnitFactory(organisation=organisation, name="Vuxenenheten")


@pytest.fixture
def other_unit_officer(organisation, other_unit):
    return UserFactory(
        organisation=organisation, roles=[Role.CASE_OFFICER], units=[other_unit], first_name="Ulla"
    )
