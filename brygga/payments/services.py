"""Writes for reports and payment runs.

Races that matter: two approvals of one report, and two payment runs at once. Each takes the
report's row lock (select_for_update) and re-checks the status under it; the database's unique
constraint on ordinary payment lines (report, kind) is the last guard, so a report is paid
exactly once whatever the timing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brygga.accounts.models import Organisation, User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.compensation import calculations as calc
from brygga.compensation.quoting import QuoteError, employer_contribution_bands
from brygga.contracts.models import Contract
from brygga.contracts.selectors import version_in_force
from brygga.core.uploads import (
    EXTENSIONS,
    UploadRejectedError,
    check_upload,
    private_storage,
    safe_filename,
)

from .amounts import ReportAmounts, report_amounts
from .constants import TAXABLE_KINDS, LineKind, ReportStatus, RunStatus
from .models import Expense, PaymentLine, PaymentRun, PaymentSettings, Report, ReportLine
from .periods import earliest_payable, month_end, period_for, prefill

logger = logging.getLogger(__name__)

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
UPLOAD_MESSAGES = {
    "empty": gettext_lazy("Filen är tom."),
    "too_large": gettext_lazy("Filen är för stor. Högst 10 MB."),
    "type": gettext_lazy("Kvittot måste vara en PDF, JPEG eller PNG."),
}


class ReportStateError(ValueError):
    """The step does not fit the report's status (e.g. approved twice)."""


class RunLockedError(ValueError):
    """An exported payment run never changes."""


def settings_for(organisation: Organisation) -> PaymentSettings:
    found, _created = PaymentSettings.objects.get_or_create(organisation=organisation)
    return found


def earliest_payable_for(report: Report, on: date | None = None) -> date:
    day = on or (
        timezone.localdate(report.submitted_at) if report.submitted_at else timezone.localdate()
    )
    return earliest_payable(day, settings_for(report.organisation).late_limit_months)


# --- The carer's report ------------------------------------------------------------------------


@transaction.atomic
def report_open(*, contract: Contract, day: date, actor: User) -> Report:
    """The carer's report for the period `day` falls in: the existing one, or a new draft
    pre-filled from the agreed scope."""
    probe = version_in_force(contract)
    if probe is None:
        raise ValidationError(_("Avtalet är inte underskrivet än."))
    start, end = period_for(day, probe.reporting_frequency)
    existing = Report.objects.filter(contract=contract, period_start=start).first()
    if existing is not None:
        return existing
    version = version_in_force(contract, end) or probe
    limit = earliest_payable(
        timezone.localdate(), settings_for(contract.organisation).late_limit_months
    )
    if end < limit:
        raise ValidationError(
            _("Perioden är för gammal. Sena redovisningar betalas bara från %(date)s.")
            % {"date": limit.isoformat()}
        )
    meetings, stays = prefill(
        quantity=version.scope_quantity,
        unit=version.scope_unit,
        start=max(start, version.valid_from),
        end=end,
    )
    try:
        with transaction.atomic():
            return Report.objects.create(
                organisation=contract.organisation,
                contract=contract,
                contract_version=version,
                carer=contract.assignment.carer,
                period_start=start,
                period_end=end,
                meetings=meetings,
                stays=stays,
            )
    except IntegrityError:  # opened at the same moment in another tab
        return Report.objects.get(contract=contract, period_start=start)


@transaction.atomic
def report_update(
    *,
    report: Report,
    meetings: list[dict[str, str]],
    stays: list[dict[str, str]],
    kilometres: Decimal,
    note: str,
    actor: User,
) -> Report:
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.status not in EDITABLE:
        raise ReportStateError(report.status)
    report.meetings = meetings
    report.stays = stays
    report.kilometres = kilometres
    report.note = note
    report.save(update_fields=["meetings", "stays", "kilometres", "note", "updated_at"])
    return report


@transaction.atomic
def expense_add(
    *,
    report: Report,
    upload: IO[bytes],
    size: int,
    name: str,
    spent_on: date,
    description: str,
    amount: Decimal,
    actor: User,
) -> Expense:
    """An outlay with its receipt, checked by content and stored outside the web root."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.status not in EDITABLE:
        raise ReportStateError(report.status)
    try:
        content_type = check_upload(upload, size)
    except UploadRejectedError as error:
        raise ValidationError({"receipt": UPLOAD_MESSAGES[error.reason]}) from error
    display = safe_filename(name, content_type)
    storage = private_storage()
    stored_name = storage.save(
        f"receipts/{report.public_id}/{uuid4().hex}{EXTENSIONS[content_type]}", upload
    )
    try:
        expense = Expense.objects.create(
            report=report,
            spent_on=spent_on,
            description=description,
            amount=amount,
            stored_name=stored_name,
            receipt_name=display,
            receipt_content_type=content_type,
        )
    except Exception:
        storage.delete(stored_name)
        raise
    return expense


@transaction.atomic
def expense_remove(*, expense: Expense, actor: User) -> None:
    report = Report.objects.select_for_update(of=("self",)).get(pk=expense.report_id)
    if report.status not in EDITABLE:
        raise ReportStateError(report.status)
    stored = expense.stored_name
    expense.delete()
    transaction.on_commit(lambda: private_storage().delete(stored))


def receipt_open(expense: Expense) -> IO[bytes]:
    return private_storage().open(expense.stored_name, "rb")


def report_preview(report: Report) -> ReportAmounts:
    """What the report would pay if approved today (raises QuoteError)."""
    return report_amounts(report, earliest=earliest_payable_for(report, timezone.localdate()))


@transaction.atomic
def report_submit(*, report: Report, actor: User) -> Report:
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.status not in EDITABLE:
        raise ReportStateError(report.status)
    try:
        report_preview(report)
    except QuoteError as error:
        raise ValidationError({error.field: error.message}) from error
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.REPORT_SUBMITTED,
        subject=report,
        changes={"period_start": report.period_start.isoformat()},
    )
    return report


# --- Approval ----------------------------------------------------------------------------------


@transaction.atomic
def report_approve(*, report: Report, actor: User) -> Report:
    """Approve a sent report and store its computed lines. Under the row lock, so a second
    approval (another tab, another officer) finds it approved and is refused."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("contract_version", "organisation")
        .get(pk=report.pk)
    )
    if report.status != ReportStatus.SUBMITTED:
        raise ReportStateError(report.status)
    try:
        amounts = report_amounts(report, earliest=earliest_payable_for(report))
    except QuoteError as error:
        raise ValidationError(error.message) from error
    ReportLine.objects.bulk_create(
        [
            ReportLine(
                report=report,
                kind=line.kind,
                quantity=line.quantity,
                rate=line.rate,
                amount=line.amount,
                rule=line.rule,
                date=line.date,
                month=line.month or "",
            )
            for line in amounts.lines
        ]
        + [
            ReportLine(
                report=report,
                kind=LineKind.OUTLAY,
                quantity=Decimal("1"),
                rate=expense.amount,
                amount=expense.amount,
                rule=f"outlay.receipt: utlägg mot kvitto, {expense.description}",
                date=expense.spent_on,
            )
            for expense in report.expenses.all()
            if expense.spent_on >= earliest_payable_for(report)
        ]
    )
    report.status = ReportStatus.APPROVED
    report.decided_at = timezone.now()
    report.decided_by = actor
    report.return_comment = ""
    report.fee = amounts.fee
    report.expense_allowance = amounts.expense_allowance
    report.travel = amounts.travel
    report.outlays = amounts.outlays
    report.save()
    audit_record(
        actor=actor,
        event=AuditEventType.REPORT_APPROVED,
        subject=report,
        changes={"period_start": report.period_start.isoformat()},
    )
    return report


@transaction.atomic
def report_return(*, report: Report, comment: str, actor: User) -> Report:
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ReportStateError(report.status)
    if not comment.strip():
        raise ValidationError({"comment": _("Skriv vad uppdragstagaren behöver rätta.")})
    report.status = ReportStatus.RETURNED
    report.return_comment = comment.strip()
    report.decided_at = timezone.now()
    report.decided_by = actor
    report.save(
        update_fields=["status", "return_comment", "decided_at", "decided_by", "updated_at"]
    )
    audit_record(actor=actor, event=AuditEventType.REPORT_RETURNED, subject=report)
    return report


# --- Payment runs ------------------------------------------------------------------------------


def _payable_reports(run: PaymentRun) -> list[int]:
    return list(
        Report.objects.filter(
            organisation_id=run.organisation_id,
            status=ReportStatus.APPROVED,
            period_end__lte=month_end(run.month),
        )
        .order_by("period_start", "id")
        .values_list("id", flat=True)
    )


@transaction.atomic
def payment_run_create(*, organisation: Organisation, month: date, actor: User) -> PaymentRun:
    """A run for `month`, built in the background; its progress shows on the run's page."""
    from .tasks import build_payment_run

    run = PaymentRun.objects.create(
        organisation=organisation, month=month.replace(day=1), created_by=actor
    )
    run.reports_total = len(_payable_reports(run))
    run.save(update_fields=["reports_total"])
    audit_record(
        actor=actor,
        event=AuditEventType.PAYMENT_RUN_CREATED,
        subject=run,
        changes={"month": run.month.isoformat()[:7], "reports": run.reports_total},
    )
    transaction.on_commit(lambda: build_payment_run.enqueue(run.pk))
    return run


# Reports paid per transaction: large enough that a run over 40 000 reports is a few hundred
# round trips, small enough that the progress bar moves and a crash loses little.
PAY_CHUNK = 500


def _payment_lines(run: PaymentRun, report_id: int, carer_id: int, lines: list[Any]) -> list[Any]:
    """One payment line per kind for a report: its lines summed, with the rate kept when the
    report used a single rate for that kind."""
    totals: dict[str, dict[str, Any]] = {}
    for kind, quantity, rate, amount, rule in lines:
        row = totals.setdefault(
            kind, {"quantity": Decimal("0"), "amount": Decimal("0"), "rates": set(), "rules": []}
        )
        row["quantity"] += quantity
        row["amount"] += amount
        row["rates"].add(rate)
        if rule not in row["rules"]:
            row["rules"].append(rule)
    payment_lines = []
    for kind, row in totals.items():
        single_rate = len(row["rates"]) == 1
        payment_lines.append(
            PaymentLine(
                organisation_id=run.organisation_id,
                run=run,
                carer_id=carer_id,
                report_id=report_id,
                kind=kind,
                quantity=row["quantity"] if single_rate else Decimal("1"),
                rate=next(iter(row["rates"])) if single_rate else row["amount"],
                amount=row["amount"],
                rule="; ".join(row["rules"])[:300],
                taxable=kind in TAXABLE_KINDS,
            )
        )
    return payment_lines


def _pay_reports(run: PaymentRun, report_ids: Sequence[int]) -> int:
    """Copy approved reports' lines into the run and mark them paid, in one transaction; the
    number paid. A report another run (or an earlier attempt) paid is skipped: the row lock
    makes a second run wait and then see it paid, and the unique constraint on ordinary
    payment lines is the last guard."""
    with transaction.atomic():
        # Locked in id order, so runs that overlap cannot deadlock.
        reports = dict(
            Report.objects.select_for_update(of=("self",))
            .filter(pk__in=report_ids, status=ReportStatus.APPROVED)
            .order_by("pk")
            .values_list("pk", "carer_id")
        )
        if not reports:
            return 0
        lines_of: dict[int, list[Any]] = defaultdict(list)
        for report_id, *line in (
            ReportLine.objects.filter(report_id__in=reports)
            .order_by("id")
            .values_list("report_id", "kind", "quantity", "rate", "amount", "rule")
        ):
            lines_of[report_id].append(line)
        lines = [
            payment_line
            for report_id, carer_id in reports.items()
            for payment_line in _payment_lines(run, report_id, carer_id, lines_of[report_id])
        ]
        try:
            with transaction.atomic():
                PaymentLine.objects.bulk_create(lines, batch_size=1000)
        except IntegrityError:
            # Some report here was paid outside the lock (should not happen): pay one by one,
            # so the others still go into this run.
            paid = 0
            for report_id, carer_id in reports.items():
                try:
                    with transaction.atomic():
                        PaymentLine.objects.bulk_create(
                            _payment_lines(run, report_id, carer_id, lines_of[report_id])
                        )
                except IntegrityError:
                    continue
                Report.objects.filter(pk=report_id).update(
                    status=ReportStatus.PAID, updated_at=timezone.now()
                )
                paid += 1
            return paid
        Report.objects.filter(pk__in=reports).update(
            status=ReportStatus.PAID, updated_at=timezone.now()
        )
        return len(reports)


def _employer_contributions(run: PaymentRun) -> None:
    """Arbetsgivaravgifter on each fee line, in order, with the carer's fees earlier in the
    year from this payer, so the 1 000 kr threshold applies per year and payer."""
    bands = employer_contribution_bands(run.month)
    fee_lines = list(
        PaymentLine.objects.filter(run=run, kind=LineKind.FEE)
        .select_related("carer")
        .only("id", "amount", "carer_id", "carer__birth_date")
        .order_by("carer_id", "id")
    )
    year_to_date: dict[int, Decimal] = defaultdict(Decimal)
    earlier = (
        PaymentLine.objects.filter(
            organisation_id=run.organisation_id,
            kind=LineKind.FEE,
            run__month__year=run.month.year,
            run__created_at__lt=run.created_at,
        )
        .exclude(run__status=RunStatus.FAILED)
        .values_list("carer_id", "amount")
    )
    for carer_id, amount in earlier:
        year_to_date[carer_id] += amount
    for line in fee_lines:
        birth_year = line.carer.birth_date.year if line.carer.birth_date else None
        band = calc.employer_contribution_band(bands, birth_year)
        if line.amount < 0:
            # A fee deducted by a correction takes back its contributions, at the year's rate,
            # when the fees of the year had reached the threshold.
            reached = year_to_date[line.carer_id] >= band.threshold
            line.employer_contributions = (
                calc.ore_half_up(line.amount * band.percent / calc.HUNDRED)
                if reached
                else Decimal("0")
            )
        else:
            line.employer_contributions = calc.employer_contributions(
                fee=line.amount,
                percent=band.percent,
                fee_paid_this_year=year_to_date[line.carer_id],
                threshold=band.threshold,
            )
        year_to_date[line.carer_id] += line.amount
    _set_employer_contributions(fee_lines)


def _set_employer_contributions(lines: list[PaymentLine], batch: int = 1000) -> None:
    """Write each line's contributions with one UPDATE … FROM (VALUES …) per batch:
    `bulk_update` builds a CASE per row in Python and a statement per row waits on the
    database, each costing more than the run's own work at 40 000 lines."""
    table = PaymentLine._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(lines), batch):
            chunk = lines[start : start + batch]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                # Table name from the model; every value is a parameter.
                f"UPDATE {table} SET employer_contributions = v.column2 "  # noqa: S608
                f"FROM (VALUES {values}) AS v WHERE {table}.id = v.column1",
                [p for line in chunk for p in (line.pk, line.employer_contributions)],
            )


def payment_run_build(run_id: int) -> PaymentRun:
    """Collect the approved, unpaid reports and waiting adjustments into the run, a chunk of
    reports at a time (each in its own transaction, so progress shows and a crash loses
    nothing: a failed run's paid chunks stay paid, and a new run takes the rest)."""
    run = PaymentRun.objects.get(pk=run_id)
    if run.status != RunStatus.BUILDING:
        return run
    try:
        report_ids = _payable_reports(run)
        PaymentRun.objects.filter(pk=run.pk).update(reports_total=len(report_ids), reports_done=0)
        for done in range(0, len(report_ids), PAY_CHUNK):
            chunk = report_ids[done : done + PAY_CHUNK]
            _pay_reports(run, chunk)
            PaymentRun.objects.filter(pk=run.pk).update(reports_done=done + len(chunk))
        with transaction.atomic():
            PaymentLine.objects.select_for_update().filter(
                organisation_id=run.organisation_id, run__isnull=True, is_adjustment=True
            ).update(run=run)
            _employer_contributions(run)
            PaymentRun.objects.filter(pk=run.pk).update(status=RunStatus.READY)
    except Exception:
        logger.exception("payment run %s failed", run.pk)
        PaymentRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error="Körningen misslyckades; se serverloggen."
        )
    run.refresh_from_db()
    return run


@transaction.atomic
def payment_run_lock_for_export(*, run: PaymentRun, actor: User, file_format: str) -> PaymentRun:
    """The first export locks the run; later downloads give the same content."""
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in (RunStatus.READY, RunStatus.EXPORTED):
        raise RunLockedError(run.status)
    if run.status == RunStatus.READY:
        run.status = RunStatus.EXPORTED
        run.exported_at = timezone.now()
        run.exported_by = actor
        run.save(update_fields=["status", "exported_at", "exported_by", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.PAYMENT_RUN_EXPORTED,
        subject=run,
        changes={"format": file_format},
    )
    return run


@transaction.atomic
def payment_adjustment_create(
    *, line: PaymentLine, amount: Decimal, reason: str, actor: User
) -> PaymentLine:
    """A correction of a paid line: a new line (plus or minus) for the next run; the exported
    line itself never changes."""
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv varför beloppet rättas.")})
    if amount == 0:
        raise ValidationError({"amount": _("Ange ett belopp som inte är noll.")})
    adjustment = PaymentLine.objects.create(
        organisation_id=line.organisation_id,
        run=None,
        carer_id=line.carer_id,
        report=line.report,
        kind=line.kind,
        quantity=Decimal("1"),
        rate=amount,
        amount=amount,
        rule=f"adjustment: rättelse av {line.get_kind_display().lower()}",
        taxable=line.taxable,
        is_adjustment=True,
        adjusts=line,
        reason=reason.strip(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        event=AuditEventType.PAYMENT_ADJUSTED,
        subject=line.run or line.report,
        changes={"kind": line.kind, "amount": str(amount)},
    )
    return adjustment


def reminder_due(*, on: date, period_end: date, deadline_day: int, days_before: int) -> bool:
    from .periods import deadline

    due = deadline(period_end, deadline_day)
    return 0 <= (due - on).days <= days_before
