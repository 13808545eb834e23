"""Fixtures shared by every app's tests: two organisations, so a leak between them fails."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory

# Property tests assert what holds for every input, not how fast examples are generated: on a
# busy two-core machine with browsers running beside them, the timing health checks and the
# per-example deadline fail for reasons that have nothing to do with the code under test.
hypothesis_settings.register_profile(
    "brygga",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile("brygga")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` need real concurrent PostgreSQL connections: on SQLite they are
    deselected (and counted in the summary), never silently passed."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    selected = [item for item in items if item.get_closest_marker("postgres") is None]
    deselected = [item for item in items if item.get_closest_marker("postgres") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


REFERENCE_DATA_MIGRATIONS = (
    "brygga.catalogue.migrations.0002_seed_assignment_types",
    "brygga.clients.migrations.0002_seed_legal_bases",
    "brygga.compensation.migrations.0002_seed_rates",
)


def seed_reference_data() -> None:
    """Seed the rows data migrations seed (assignment types, legal bases, rates), the way the
    migrations do, and the role groups. A transactional test's flush removes them for the tests
    after it."""
    import importlib

    from django.apps import apps

    from brygga.accounts.roles import roles_sync_after_migrate

    for migration in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(migration).seed(apps, None)
    roles_sync_after_migrate()


@pytest.fixture
def reference_data(transactional_db):
    """For transactional tests (live server, threads, backup): the reference rows present."""
    seed_reference_data()


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
