"""On PostgreSQL, with real concurrent connections: the same report approved from several
threads is approved once, and two payment runs started at once pay each report exactly once
(row locks, then the unique constraint on ordinary payment lines)."""

import threading
from datetime import date
from decimal import Decimal

from django.db import connection, connections

import pytest
import time_machine

from brygga.payments import services
from brygga.payments.constants import ReportStatus
from brygga.payments.models import PaymentLine, PaymentRun, Report, ReportLine

from .factories import make_assignment, make_signed_contract

pytestmark = [
    pytest.mark.postgres,
    # Not serialized_rollback: its flush skips post_migrate, which would leave the next test on
    # this worker without role groups and permissions. `reference_data` seeds the rates again.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

THREADS = 6


def _in_threads(target, count):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index):
        try:
            barrier.wait()
            results.append(target(index))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.fixture
def submitted_reports(organisation, unit, case_officer):
    reports = []
    with time_machine.travel("2026-04-10 10:00 +0200", tick=True):
        for n in range(4):
            assignment = make_assignment(
                organisation,
                unit,
                case_officer,
                started_on=date(2026, 3, 2),
                carer_first_name=f"Samtidig{n}",
            )
            version = make_signed_contract(assignment, case_officer, valid_from=date(2026, 3, 2))
            carer_user = assignment.carer.user
            report = services.report_open(
                contract=version.contract, day=date(2026, 3, 15), actor=carer_user
            )
            services.report_update(
                report=report,
                meetings=report.meetings,
                stays=[],
                kilometres=Decimal("10"),
                note="",
                actor=carer_user,
            )
            reports.append(services.report_submit(report=report, actor=carer_user))
    return reports


def test_concurrent_approvals_and_two_runs_pay_each_report_exactly_once(
    organisation, case_officer, finance_officer, submitted_reports
):
    assert connection.vendor == "postgresql"
    target = submitted_reports[0]

    def approve(_index):
        try:
            services.report_approve(report=Report.objects.get(pk=target.pk), actor=case_officer)
        except services.ReportStateError:
            return "refused"
        return "approved"

    results, errors = _in_threads(approve, THREADS)
    assert errors == []
    assert sorted(results) == ["approved"] + ["refused"] * (THREADS - 1)
    assert ReportLine.objects.filter(report=target, kind="fee").count() == 1

    for report in submitted_reports[1:]:
        services.report_approve(report=report, actor=case_officer)

    # Two runs made directly (not through payment_run_create, whose immediate task backend
    # would build each at once): both start building at the same moment in two threads.
    runs = [
        PaymentRun.objects.create(
            organisation=organisation, month=date(2026, 4, 1), created_by=finance_officer
        )
        for _ in range(2)
    ]

    def build(index):
        return services.payment_run_build(runs[index].pk).status

    statuses, errors = _in_threads(build, 2)
    assert errors == []
    assert statuses == ["ready", "ready"]
    for report in submitted_reports:
        report.refresh_from_db()
        assert report.status == ReportStatus.PAID
        for kind in ("fee", "expense_allowance", "travel"):
            assert (
                PaymentLine.objects.filter(report=report, kind=kind, is_adjustment=False).count()
                == 1
            )
    paid_per_run = [PaymentLine.objects.filter(run=run).count() for run in runs]
    assert sum(paid_per_run) == 3 * len(submitted_reports)
