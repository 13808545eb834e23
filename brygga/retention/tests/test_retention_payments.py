"""Retention of payment records (bokföringslagen 7 kap. 2 §): an exported run goes 7 years
after the end of its payout year; until then its lines keep the client file they paid for."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from brygga.clients.services import decision_mark_ended
from brygga.contracts.models import Contract
from brygga.payments import services as payment_services
from brygga.payments.models import PaymentLine, PaymentRun, Report
from brygga.payments.tests.conftest import (  # noqa: F401 - fixtures, used by name
    _private_media,
    contract_version,
    finance_officer,
)
from brygga.payments.tests.test_payments import _submitted_month
from brygga.retention.constants import KeptReason, RunTrigger
from brygga.retention.services import retention_dry_run, retention_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_client_file(contract_version, case_officer, finance_officer):  # noqa: F811
    """A month reported, approved, paid in the April 2026 run and exported; then the
    decision ends, so the client file is closed."""
    with time_machine.travel("2026-04-10 10:00 +0200", tick=False):
        report = _submitted_month(contract_version)
        payment_services.report_approve(report=report, actor=case_officer)
        run = payment_services.payment_run_create(
            organisation=contract_version.contract.organisation,
            month=date(2026, 4, 1),
            actor=finance_officer,
        )
        run = payment_services.payment_run_build(run.pk)
        run = payment_services.payment_run_lock_for_export(
            run=run, actor=finance_officer, file_format="csv"
        )
    decision = contract_version.contract.assignment.decision
    decision_mark_ended(
        decision=decision, ended_on=date(2026, 6, 30), reason="Behov upphört", actor=case_officer
    )
    return run, decision.client


def test_a_paid_run_is_kept_to_the_end_of_the_seventh_year_and_keeps_the_client_file(
    paid_client_file, organisation
):
    run, client = paid_client_file
    assert client.birth_date.day not in (5, 15, 25), "no research exception in this scenario"

    # 2033-12-31 is the last day the April 2026 run must be kept; the client file, due after
    # five years, is held by the lines that paid for it.
    plan = retention_dry_run(organisation=organisation, as_of=date(2033, 12, 31))
    payments_plan = next(p for p in plan.rules if p.target.key == "payments.paid")
    assert payments_plan.removed == []
    clients_plan = next(p for p in plan.rules if p.target.key == "clients.ended")
    assert [(r.pk, r.kept) for r in clients_plan.kept] == [(client.pk, KeptReason.REFERENCED)]

    # From 2034 both go, in one run: the payment records first, then the file they held.
    run_after = retention_run(
        organisation=organisation, as_of=date(2034, 1, 2), actor=None, trigger=RunTrigger.COMMAND
    )
    assert run_after.removed >= 2
    assert not PaymentRun.objects.filter(pk=run.pk).exists()
    assert not PaymentLine.objects.filter(run_id=run.pk).exists()
    assert not Report.objects.filter(contract__assignment__decision__client_id=client.pk).exists()
    assert not Contract.objects.filter(assignment__decision__client_id=client.pk).exists()
    assert not type(client).objects.filter(pk=client.pk).exists()
