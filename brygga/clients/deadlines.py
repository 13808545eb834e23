"""Dates that drive the worklist: the IVO date and waiting time. Pure, no database.

The same rules run in SQL for lists (`expressions.AddMonths`, `selectors.decision_worklist`);
`tests/test_deadlines.py` checks that both agree.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

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


def decision_dates_reportable_within(after: date, until: date) -> tuple[date, date]:
    """The first and last decision date whose IVO date falls after `after` and on or before
    `until`. `reportable_on` never decreases, so they form one range; lists use it to find
    the decisions with an index. An empty range comes back with `first` after `last`."""
    # Start where the IVO date is surely not yet past the bound (it is at most 92 days after
    # the decision date) and walk forward: a few steps.
    first = after - timedelta(days=REPORTABLE_AFTER_MONTHS * 31 + 1)
    while reportable_on(first) <= after:
        first += timedelta(days=1)
    last = until - timedelta(days=REPORTABLE_AFTER_MONTHS * 31)
    while reportable_on(last + timedelta(days=1)) <= until:
        last += timedelta(days=1)
    return first, last
