"""Dates that drive the worklist: the IVO date and waiting time. Pure, no database.

The same rules run in SQL for lists (`expressions.AddMonths`, `selectors.decision_worklist`);
`tests/test_deadlines.py` checks that both agree.
"""

from __future__ import annotations

import calendar
from datetime import date

from .constants import REPORTABLE_AFTER_MONTHS


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months, clamped to the end of a shorter month
    (30 November + 3 months = 28 or 29 February)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def reportable_on(decision_date: date) -> date:
    """The day a decision not yet implemented must be reported to IVO (3 months, §3.8)."""
    return add_months(decision_date, REPORTABLE_AFTER_MONTHS)


def waiting_days(decision_date: date, until: date | None, today: date) -> int:
    """Days from the decision until it was implemented (or ended unimplemented), or today."""
    return ((until or today) - decision_date).days
