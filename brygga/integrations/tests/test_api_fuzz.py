"""Fuzzing the published API (issue 7): schemathesis generates requests from /api/v1/schema/
for every operation and sends them, authenticated, to the app on the demo municipality's data.
No answer may be a server error, and every answer must match the schema (status code,
content type, body). Runs on SQLite and on PostgreSQL (DATABASE_URL), inside `make test`.

Path ids are drawn from real records as well as at random, so the operations are exercised
on found records too, not only on 404s.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi import checks as openapi_checks

from brygga.accounts.api_scopes import SCOPES
from brygga.accounts.api_tokens import api_token_create
from brygga.accounts.constants import Role
from brygga.accounts.models import Organisation, User
from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.models import Applicant
from brygga.carers.models import Carer
from brygga.clients.models import Client, Decision

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 12


def _real_ids() -> dict[str, list[str]]:
    def ids(model: Any) -> list[str]:
        return [str(i) for i in model.objects.values_list("public_id", flat=True)[:5]]

    return {
        "/api/v1/applicants/": ids(Applicant),
        "/api/v1/carers/": ids(Carer),
        "/api/v1/clients/": ids(Client),
        "/api/v1/decisions/": ids(Decision),
    }


def _with_real_ids(operation: Any, real: dict[str, list[str]]) -> Any:
    strategy = operation.as_strategy()
    prefix = next((p for p in real if operation.path.startswith(p)), None)
    if prefix is None or "{public_id}" not in operation.path or not real[prefix]:
        return strategy

    def use(pair: tuple[Any, str | None]) -> Any:
        case, public_id = pair
        if public_id is not None:
            case.path_parameters = {**(case.path_parameters or {}), "public_id": public_id}
        return case

    return st.tuples(strategy, st.one_of(st.none(), st.sampled_from(real[prefix]))).map(use)


# The quote's inputs depend on each other (hours for the hourly types, stays or a month for
# the others), which OpenAPI cannot state: a schema-valid body may still lack what its type
# needs and is answered 400 with the field's Swedish message. Every other check (no server
# error, status codes and bodies as documented) still runs on it.
EXCLUDED_CHECKS: dict[str, list[Any]] = {
    "/api/v1/compensation/quote/": [openapi_checks.positive_data_acceptance],
}


def _fuzz_operation(operation: Any, real: dict[str, list[str]], headers: dict[str, str]) -> None:
    excluded = EXCLUDED_CHECKS.get(operation.path, [])

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_with_real_ids(operation, real))
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    run()


def _fuzz(schema: Any, headers: dict[str, str], *, methods: set[str]) -> int:
    real = _real_ids()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods:
            continue
        _fuzz_operation(operation, real, headers)
        operations += 1
    return operations


@pytest.fixture
def demo(django_db_blocker):
    call_command("seed_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Organisation.objects.get(name="Ekby kommun")


@pytest.fixture
def api_schema():
    # Requests go straight to the WSGI application, not through Django's test client, so
    # keep its rule: no closing the database connection at the end of a request (on
    # PostgreSQL that would end the test's transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
        # NUL in a string is refused with 400 by NulCharactersMiddleware (PostgreSQL cannot
        # hold it), which test_api_schema_and_docs tests on its own; generated "valid" input
        # leaves it out, so the positive-data check does not count that refusal as a mismatch.
        schema.config.generation.update(allow_x00=False)
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_fuzz_with_a_token_holding_every_scope(demo, api_schema):
    admin = User.objects.filter(organisation=demo, groups__name=Role.ADMINISTRATOR).first()
    _row, raw = api_token_create(
        organisation=demo,
        name="Fuzz",
        scopes=[scope.code for scope in SCOPES],
        all_units=True,
        actor=admin,
    )
    count = _fuzz(api_schema, {"Authorization": f"Bearer {raw}"}, methods={"GET", "POST"})
    assert count >= 13


def test_fuzz_reads_with_a_staff_session(demo, api_schema, client):
    manager = User.objects.filter(organisation=demo, groups__name=Role.MANAGER).first()
    login_staff(client, manager)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    count = _fuzz(api_schema, {"Cookie": cookie}, methods={"GET"})
    assert count >= 12
