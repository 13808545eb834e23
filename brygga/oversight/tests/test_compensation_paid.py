"""The chart of compensation paid per month: fee apart from the tax-free parts, only exported
runs, and no month small enough to reveal one carer's pay."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from brygga.carers.tests.factories import make_carer
from brygga.core.testdata import make_test_personnummer
from brygga.oversight import statistics
from brygga.payments.models import PaymentLine, PaymentRun

pytestmark = pytest.mark.django_db


def _run(organisation, manager, month: date, status: str = "exported") -> PaymentRun:
    return PaymentRun.objects.create(
        organisation=organisation, month=month, status=status, created_by=manager
    )


def _pay(run, carer, kind: str, amount: str) -> None:
    PaymentLine.objects.create(
        organisation=run.organisation,
        run=run,
        carer=carer,
        kind=kind,
        quantity=Decimal("1"),
        rate=Decimal(amount),
        amount=Decimal(amount),
        rule="test",
        taxable=kind == "fee",
        # Lines without a report are adjustments; they count like any paid line.
        is_adjustment=True,
        reason="test",
    )


def test_fee_and_allowance_apart_per_payout_month_and_small_months_hidden(organisation, manager):
    carers = [
        make_carer(organisation, personal_identity_number=make_test_personnummer(f"19{70 + i}0101"))
        for i in range(3)
    ]
    september = _run(organisation, manager, date(2026, 9, 1))
    for carer in carers:
        _pay(september, carer, "fee", "1000.00")
        _pay(september, carer, "expense_allowance", "400.00")
    _pay(september, carers[0], "travel", "50.00")
    # October: two carers only, so their pay could be worked out: not shown.
    october = _run(organisation, manager, date(2026, 10, 1))
    for carer in carers[:2]:
        _pay(october, carer, "fee", "1000.00")
    # November: a run not yet exported is not paid.
    november = _run(organisation, manager, date(2026, 11, 1), status="ready")
    for carer in carers:
        _pay(november, carer, "fee", "999.00")

    data = statistics.compensation_paid(
        statistics.StatsFilters(
            organisation=organisation, units=None, start=date(2026, 9, 1), end=date(2026, 11, 30)
        )
    )

    assert data.categories == ("2026-09", "2026-10", "2026-11")
    fee, allowance = data.series
    assert fee.values == (3000.0, None, None)
    assert allowance.values == (1250.0, None, None)
    assert statistics.chart_by_slug("utbetalt") is not None
