"""The cost estimate of a decision: a month's quote from the decision's type, law, scope and the
client's birth date, with the assumptions spelled out (the officer can adjust them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .constants import HOURLY_TYPES, MONTHLY_TYPES, PER_DAY_TYPES

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
HOURS_PER_MEETING = Decimal(2)
# Employer contributions in an estimate assume the year's fees pass the 1 000 kr threshold.
THRESHOLD_ASSUMED = "1000"


@dataclass
class EstimateInputs:
    data: dict[str, Any]
    assumptions: list[str] = field(default_factory=list)


def estimate_month(period_from: datetime.date, today: datetime.date) -> datetime.date:
    """This month, or the decision's first month if it starts later."""
    return max(today.replace(day=1), period_from.replace(day=1))


def _weekends(month: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Every Friday–Sunday that starts in the month."""
    day = month
    found = []
    while day.month == month.month:
        if day.weekday() == 4:
            found.append((day, day + datetime.timedelta(days=2)))
        day += datetime.timedelta(days=1)
    return found


def _stay_text(stays: list[tuple[datetime.date, datetime.date]]) -> list[str]:
    return [f"{arrival.isoformat()}/{departure.isoformat()}" for arrival, departure in stays]


def estimate_inputs(
    *,
    assignment_type: str,
    law_area: str,
    birth_date: datetime.date,
    scope_quantity: Decimal,
    scope_unit: str,
    period_from: datetime.date,
    today: datetime.date,
) -> EstimateInputs:
    month = estimate_month(period_from, today)
    law = "lss" if law_area == "lss" else "sol"
    data: dict[str, Any] = {
        "type": assignment_type,
        "law": law,
        "month": f"{month.year:04d}-{month.month:02d}",
        "fee_paid_this_year": THRESHOLD_ASSUMED,
    }
    result = EstimateInputs(data=data)
    if law_area not in ("sol", "lss"):
        result.assumptions.append("Beslutet är inte enligt SoL eller LSS: SoL-nivåerna används.")
    quantity = scope_quantity
    if assignment_type in MONTHLY_TYPES:
        if scope_unit == "meetings_per_week" and quantity >= 5:
            data["fee_level"] = "kategori_3"
        elif scope_unit == "meetings_per_week" and quantity > 1:
            data["fee_level"] = "kategori_2"
        else:
            data["fee_level"] = "kategori_1"
        data["expense_level"] = "10"
        result.assumptions.append(
            "Kategorin följer omfattningen (minst en gång i veckan: 1, flera gånger: 2, "
            "dagligen: 3); arvodet är kategorins lägsta nivå och omkostnaden 10 %."
        )
    elif assignment_type in PER_DAY_TYPES:
        weekends = _weekends(month)
        if scope_unit == "weekends_per_month":
            count = max(1, min(len(weekends), int(quantity)))
            stays = weekends[:count]
            result.assumptions.append(
                f"{count} vistelser fredag–söndag under månaden, grundnivåer."
            )
        elif scope_unit == "days_per_month":
            days = max(1, min(28, int(quantity.to_integral_value(rounding=ROUND_HALF_UP))))
            arrival = weekends[0][0]
            stays = [(arrival, arrival + datetime.timedelta(days=days - 1))]
            result.assumptions.append(
                f"En sammanhängande vistelse på {days} dagar från första fredagen, grundnivåer."
            )
        else:
            stays = weekends[:1]
            result.assumptions.append(
                "En vistelse fredag–söndag under månaden (omfattningen anges inte i dygn), "
                "grundnivåer."
            )
        data["stays"] = _stay_text(stays)
        data["birth_date"] = birth_date.isoformat()
    elif assignment_type in HOURLY_TYPES:
        if scope_unit == "hours_per_month":
            hours = quantity
            result.assumptions.append(f"{_num(hours)} timmar under månaden.")
        elif scope_unit == "hours_per_week":
            hours = (quantity * WEEKS_PER_MONTH).quantize(Decimal("0.01"), ROUND_HALF_UP)
            result.assumptions.append(
                f"{_num(quantity)} timmar i veckan × 52 ÷ 12 = {_num(hours)}."
            )
        else:
            per_month = quantity * (WEEKS_PER_MONTH if scope_unit.endswith("_week") else 1)
            hours = (per_month * HOURS_PER_MEETING).quantize(Decimal("0.01"), ROUND_HALF_UP)
            result.assumptions.append(
                f"Antaget {_num(HOURS_PER_MEETING)} timmar per tillfälle: {_num(hours)} timmar."
            )
        data["hours"] = str(hours)
        data["hours_date"] = month.isoformat()
        result.assumptions.append("Timersättningen är ett exempel tills kommunen anger sin egen.")
    result.assumptions.append(
        "Arbetsgivaravgifterna antar att årets arvode når 1 000 kr och full avgift (31,42 %)."
    )
    return result


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")
