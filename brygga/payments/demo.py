"""Demo reports and one exported payment run for Ekby kommun: for each signed contract, the
three months before this one: the oldest approved and paid in an exported run, the next
approved, returned or waiting for approval, the latest sent or still a draft."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from brygga.accounts.models import Organisation, User
from brygga.compensation.quoting import QuoteError
from brygga.contracts.models import ContractVersion

from . import services
from .models import PaymentRun, Report
from .periods import add_months, month_end

RECEIPT_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _report(version: ContractVersion, month: date, *, receipt: bool) -> Report | None:
    carer_user = version.contract.assignment.carer.user
    if month_end(month) < version.valid_from:
        return None
    try:
        report = services.report_open(contract=version.contract, day=month, actor=carer_user)
    except ValidationError:  # a period the contract cannot report is skipped
        return None
    if report.status != "draft":
        return report
    services.report_update(
        report=report,
        meetings=report.meetings,
        stays=report.stays,
        kilometres=Decimal("24") if report.meetings or report.stays else Decimal("0"),
        note="",
        actor=carer_user,
    )
    if receipt:
        services.expense_add(
            report=report,
            upload=io.BytesIO(RECEIPT_PNG),
            size=len(RECEIPT_PNG),
            name="kvitto-bio.png",
            spent_on=max(report.period_start, version.valid_from),
            description="Biobiljetter",
            amount=Decimal("190.00"),
            actor=carer_user,
        )
    return report


def _submit(report: Report) -> bool:
    try:
        services.report_submit(report=report, actor=report.carer.user)
    except (QuoteError, ValidationError):  # nothing to pay for is left as a draft
        return False
    return True


def create_demo_payments(organisation: Organisation, versions: list[ContractVersion]) -> None:
    officer = User.objects.get(email="handlaggare@ekby.example")
    finance = User.objects.get(email="ekonomi@ekby.example")
    this_month = timezone.localdate().replace(day=1)
    oldest, middle, latest = (add_months(this_month, n) for n in (-3, -2, -1))
    for index, version in enumerate(versions):
        if version.reporting_frequency != "monthly":
            continue
        first = _report(version, oldest, receipt=index % 2 == 0)
        if first and _submit(first):
            services.report_approve(report=first, actor=officer)
        second = _report(version, middle, receipt=index % 3 == 0)
        if second and _submit(second):
            if index % 3 == 0:
                services.report_approve(report=second, actor=officer)
            elif index % 3 == 1:
                services.report_return(
                    report=second,
                    comment="Träffen den första står två gånger. Rätta och skicka igen.",
                    actor=officer,
                )
        third = _report(version, latest, receipt=False)
        if third and index % 2 == 0:
            _submit(third)
    # One exported run of the oldest month's approved reports, paid and locked (the middle
    # month's approved reports wait for the next run).
    run = PaymentRun.objects.create(organisation=organisation, month=oldest, created_by=finance)
    run = services.payment_run_build(run.pk)
    services.payment_run_lock_for_export(run=run, actor=finance, file_format="paxml")
