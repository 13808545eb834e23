"""Pure date rules of retention: when a record's period ends. No database."""

from __future__ import annotations

import calendar
from datetime import date

from .constants import RESEARCH_DAYS, RetentionAnchor


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months on; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retained_until(last_entry: date, *, months: int, anchor: str) -> date:
    """The last day a record must be kept. From the last entry, or from the end of the
    calendar year of the last entry (bokföringslagen 7 kap. 2 §: seven years after the end of
    the calendar year)."""
    start = (
        date(last_entry.year, 12, 31) if anchor == RetentionAnchor.CALENDAR_YEAR_END else last_entry
    )
    return add_months(start, months)


def is_due(last_entry: date, *, months: int, anchor: str, as_of: date) -> bool:
    """True when the period has run out on `as_of`."""
    return retained_until(last_entry, months=months, anchor=anchor) < as_of


def is_research_birthday(birth_date: date | None) -> bool:
    """Born on the 5th, 15th or 25th of a month (SoF 7 kap. 2 §)."""
    return birth_date is not None and birth_date.day in RESEARCH_DAYS
