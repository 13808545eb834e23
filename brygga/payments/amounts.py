"""A report's amounts from the calculation (compensation.quoting), under its contract version.

The inputs are the contract's terms (percentages, levels), the client's birth date (age band
per day; never shown to the carer) and what the carer reported, cut at the late-report limit.
Outlays are paid as receipted. A report never recomputes once approved: approval stores lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from brygga.catalogue.constants import CompensationModel
from brygga.compensation.calculations import Line, Quote
from brygga.compensation.quoting import QuoteRequest, quote
from brygga.contracts.models import ContractVersion
from brygga.contracts.terms import law_for_quote

from .constants import LineKind
from .models import Report
from .periods import months_between

ZERO = Decimal("0")


@dataclass(frozen=True)
class ReportAmounts:
    lines: tuple[Line, ...]
    fee: Decimal
    expense_allowance: Decimal
    travel: Decimal
    outlays: Decimal
    requests: tuple[QuoteRequest, ...] = field(default=())
    excluded_before: date | None = None  # items before this date were too late to pay

    @property
    def total(self) -> Decimal:
        return self.fee + self.expense_allowance + self.travel + self.outlays


def _d(value: str) -> date:
    return date.fromisoformat(value)


def quote_requests(
    *,
    version: ContractVersion,
    client_birth_date: date | None,
    period_start: date,
    period_end: date,
    meetings: list[dict[str, str]],
    stays: list[dict[str, str]],
    kilometres: Decimal,
    earliest: date | None = None,
) -> tuple[QuoteRequest, ...]:
    """The quote requests for a report's period: one per month for monthly types, one for the
    period otherwise. Items before `earliest` (the late-report limit) are left out."""
    start = max(period_start, version.valid_from, earliest or period_start)
    base: dict[str, Any] = {
        "assignment_type": version.assignment_type_code,
        "law": law_for_quote(version.law),
    }
    km = kilometres if kilometres > 0 else None
    model = version.compensation_model
    if start > period_end:
        return ()
    if model == CompensationModel.MONTHLY:
        months = [m for m in months_between(period_start, period_end) if m >= start.replace(day=1)]
        return tuple(
            QuoteRequest(
                **base,
                month=month,
                fee_percent=version.fee_percent,
                expense_percent=version.expense_percent,
                kilometres=km if index == len(months) - 1 else None,
            )
            for index, month in enumerate(months)
        )
    if model == CompensationModel.PER_DAY:
        chosen = tuple(
            (_d(s["arrival"]), _d(s["departure"])) for s in stays if _d(s["arrival"]) >= start
        )
        if not chosen:
            return ()  # the form refuses kilometres without a stay for per-day types
        return (
            QuoteRequest(
                **base,
                fee_level=version.fee_level or None,
                expense_level=version.expense_level or None,
                birth_date=client_birth_date,
                stays=chosen,
                kilometres=km,
            ),
        )
    hours = sum((Decimal(m["hours"]) for m in meetings if _d(m["date"]) >= start), ZERO)
    if hours == 0 and km is None:
        return ()
    return (QuoteRequest(**base, hours=hours, hours_date=period_end, kilometres=km),)


def report_amounts(report: Report, *, earliest: date | None = None) -> ReportAmounts:
    """The report's lines and totals as they would be paid (raises QuoteError)."""
    version = report.contract_version
    client = report.contract.assignment.decision.client
    requests = quote_requests(
        version=version,
        client_birth_date=client.birth_date,
        period_start=report.period_start,
        period_end=report.period_end,
        meetings=report.meetings,
        stays=report.stays,
        kilometres=report.kilometres,
        earliest=earliest,
    )
    lines: list[Line] = []
    for request in requests:
        result: Quote = quote(request, organisation=report.organisation)
        lines.extend(result.lines)
    outlays = sum(
        (e.amount for e in report.expenses.all() if earliest is None or e.spent_on >= earliest),
        ZERO,
    )
    return ReportAmounts(
        lines=tuple(lines),
        fee=sum((x.amount for x in lines if x.kind == LineKind.FEE), ZERO),
        expense_allowance=sum(
            (x.amount for x in lines if x.kind == LineKind.EXPENSE_ALLOWANCE), ZERO
        ),
        travel=sum((x.amount for x in lines if x.kind == LineKind.TRAVEL), ZERO),
        outlays=outlays,
        requests=requests,
        excluded_before=earliest if earliest and earliest > report.period_start else None,
    )
