"""Quarters and IVO's reporting windows. Pure date arithmetic, no database.

A quarter's report covers the entries open on the quarter's last day and those closed since the
last report; it is sent in the quarter's reporting window (domain §3.8: 1–30 April for Q1,
1 July–31 August for Q2, 1–31 October for Q3, 1–31 January of the next year for Q4). The
windows are configuration: `ReportingWindow` rows override the defaults per organisation.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .constants import DEFAULT_REPORTING_WINDOWS


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(self.number)

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        month = 3 * self.number
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    def window(self, override: tuple[int, int, int, int] | None = None) -> tuple[date, date]:
        """The days the report for this quarter is sent: (opens, closes), after the quarter."""
        opens_month, opens_day, closes_month, closes_day = (
            override or DEFAULT_REPORTING_WINDOWS[self.number]
        )
        year = self.year + 1 if opens_month <= 3 * self.number - 2 else self.year
        close_year = year if closes_month >= opens_month else year + 1
        return (
            _clamped(year, opens_month, opens_day),
            _clamped(close_year, closes_month, closes_day),
        )


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def latest_ended(today: date) -> Quarter:
    """The last quarter that has ended by `today`."""
    return Quarter.containing(today).previous


def recent_quarters(today: date, count: int) -> list[Quarter]:
    """The `count` quarters ended by `today`, the latest first."""
    found = [latest_ended(today)]
    while len(found) < count:
        found.append(found[-1].previous)
    return found
