"""Pure date rules for reports: the period a day falls in, the deadline, how far back a late
report is paid, and the pre-filled schedule (no Django, no database)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

MONTHLY = "monthly"
HALF_YEARLY = "half_yearly"


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_for(day: date, frequency: str) -> tuple[date, date]:
    """Monthly: the calendar month. Half-yearly: December–May or June–November (domain §3.6)."""
    if frequency == HALF_YEARLY:
        start_month = 6 if 6 <= day.month <= 11 else 12
        start_year = day.year if day.month >= start_month else day.year - 1
        start = date(start_year, start_month, 1)
        return start, month_end(add_months(start, 5))
    return day.replace(day=1), month_end(day)


def previous_period(day: date, frequency: str) -> tuple[date, date]:
    start, _end = period_for(day, frequency)
    return period_for(start - timedelta(days=1), frequency)


def deadline(period_end: date, deadline_day: int) -> date:
    """The report is due on `deadline_day` of the month after the period."""
    return add_months(period_end, 1).replace(day=deadline_day)


def earliest_payable(today: date, late_limit_months: int) -> date:
    """A late report is paid back to the first of the month `late_limit_months` ago, no further
    (Luleå: at most three months retroactively)."""
    return add_months(today, -late_limit_months)


def months_between(start: date, end: date) -> list[date]:
    """The first of each month from `start`'s month to `end`'s month."""
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def prefill(
    *, quantity: Decimal, unit: str, start: date, end: date
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Meetings and stays as agreed in the decision's scope, for the carer to adjust.

    Meetings fall on Saturdays (or spread over the period), two hours each unless the scope
    gives hours; weekends are Friday-to-Sunday stays; days per month become weekday stays.
    """
    count = int(quantity)
    meetings: list[dict[str, str]] = []
    stays: list[dict[str, str]] = []
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    saturdays = [d for d in days if d.weekday() == 5]
    fridays = [d for d in days if d.weekday() == 4 and d + timedelta(days=2) <= end]
    if unit in {"meetings_per_week", "hours_per_week"}:
        chosen = saturdays
    elif unit in {"meetings_per_month", "hours_per_month"}:
        per_month = count if unit == "meetings_per_month" else 1
        chosen = []
        for first in months_between(start, end):
            in_month = [d for d in saturdays if d.month == first.month and d.year == first.year]
            step = max(1, len(in_month) // max(per_month, 1))
            chosen += in_month[::step][:per_month]
    else:
        chosen = []
    hours = Decimal("2")
    if unit == "hours_per_week" or unit == "hours_per_month":
        hours = quantity
    meetings = [{"date": d.isoformat(), "hours": f"{hours:g}"} for d in chosen]
    if unit == "weekends_per_month":
        for first in months_between(start, end):
            in_month = [d for d in fridays if d.month == first.month and d.year == first.year]
            for friday in in_month[:count]:
                stays.append(
                    {
                        "arrival": friday.isoformat(),
                        "departure": (friday + timedelta(days=2)).isoformat(),
                    }
                )
    elif unit == "days_per_month":
        for first in months_between(start, end):
            in_month = [d for d in fridays if d.month == first.month and d.year == first.year]
            for friday in in_month[: max(1, count // 2)]:
                stays.append(
                    {
                        "arrival": friday.isoformat(),
                        "departure": (friday + timedelta(days=2)).isoformat(),
                    }
                )
    return meetings, stays
