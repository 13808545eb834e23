"""Fixtures shared by every app's tests: two organisations, so a leak between them fails."""

from __future__ import annotations

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Ekby kommun")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Grannby kommun")


@pytest.fixture
def unit(organisation):
    return UnitFactory(organisation=organisation, name="Barn och unga")


@pytest.fixture
def manager(organisation, unit):
    return UserFactory(
        organisation=organisation, roles=[Role.MANAGER], units=[unit], first_name="Maja"
    )


@pytest.fixture
def administrator(organisation):
    return UserFactory(organisation=organisation, roles=[Role.ADMINISTRATOR], first_name="Ada")


@pytest.fixture
def case_officer(organisation, unit):
    return UserFactory(
        organisation=organisation, roles=[Role.CASE_OFFICER], units=[unit], first_name="Hugo"
    )


@pytest.fixture
def public_user(organisation):
    return UserFactory(
        public=True,
        organisation=organisation,
        email="sokande@test.example",
        first_name="Sara",
        last_name="Testsson",
    )
