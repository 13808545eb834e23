"""The compensation terms of a contract version, from the calculation (compensation.quoting).

The contract states rates, not a forecast: one month (monthly types), one weekday dygn (per-day
types; weekends and holidays follow the rules named in the terms) or one hour (hourly types),
and the travel allowance per kilometre. Each row keeps the rule the calculation named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from brygga.catalogue.constants import CompensationModel
from brygga.compensation.quoting import QuoteRequest, quote

UNIT_BY_KIND_AND_MODEL: dict[str, str] = {
    CompensationModel.MONTHLY: "month",
    CompensationModel.PER_DAY: "day",
    CompensationModel.HOURLY: "hour",
}


@dataclass(frozen=True)
class TermsInput:
    assignment_type_code: str
    law: str
    compensation_model: str
    valid_from: date
    fee_percent: Decimal | None = None
    expense_percent: Decimal | None = None
    fee_level: str = ""
    expense_level: str = ""
    client_birth_date: date | None = None


def _a_weekday(on: date) -> date:
    day = on
    while day.weekday() >= 4:  # a Monday–Thursday arrival: one ordinary dygn
        day += timedelta(days=1)
    return day


def law_for_quote(law_area: str) -> str:
    """The calculation knows SoL and LSS; other bases (FB for umgängesstöd) pay as SoL."""
    return "lss" if law_area == "lss" else "sol"


def terms_for(data: TermsInput, *, organisation: Any) -> list[dict[str, str]]:
    """Rows {kind, unit, rate, rule} for the contract (raises QuoteError on bad input)."""
    common: dict[str, Any] = {
        "assignment_type": data.assignment_type_code,
        "law": law_for_quote(data.law),
        "kilometres": Decimal("1"),
    }
    model = data.compensation_model
    if model == CompensationModel.MONTHLY:
        request = QuoteRequest(
            **common,
            month=data.valid_from.replace(day=1),
            fee_percent=data.fee_percent,
            expense_percent=data.expense_percent,
        )
    elif model == CompensationModel.PER_DAY:
        arrival = _a_weekday(data.valid_from)
        request = QuoteRequest(
            **common,
            fee_level=data.fee_level or None,
            expense_level=data.expense_level or None,
            birth_date=data.client_birth_date,
            stays=((arrival, arrival + timedelta(days=1)),),
        )
    else:
        request = QuoteRequest(**common, hours=Decimal("1"), hours_date=data.valid_from)
    result = quote(request, organisation=organisation)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for line in result.lines:
        if line.kind in seen:
            continue
        seen.add(line.kind)
        unit = "km" if line.kind == "travel" else UNIT_BY_KIND_AND_MODEL.get(model, "")
        rows.append(
            {"kind": line.kind, "unit": unit, "rate": f"{line.rate:.2f}", "rule": line.rule}
        )
    return rows
