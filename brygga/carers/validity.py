"""Which approvals are valid and which register checks still count on a given day.

Pure functions, no database: they take anything with the attributes of `CarerApproval` and
`CarerCheck` (model rows or plain dataclasses) and a date.

Rules:
- An approval is valid from `approved_on` to `valid_until` (inclusive; open-ended when empty)
  unless it has been revoked on or before the day.
- A register extract for work with children (lag 2013:852, lag 2010:479) may be at most one
  year old (domain §2.4): it counts from its `extract_date` up to and including the same date
  one year later (29 February → 28 February). Other checks were the basis of the approval and
  keep counting.
- Something "expires within N days" when it is valid today and the last day it is valid falls
  within N days, and nothing of the same kind (the same register; the same type and target
  group) stays valid longer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from django.utils import timezone

from .constants import CHILD_EXTRACT_KINDS


class ApprovalLike(Protocol):
    @property
    def assignment_type_id(self) -> Any: ...
    @property
    def target_group_id(self) -> Any: ...
    @property
    def approved_on(self) -> date: ...
    @property
    def valid_until(self) -> date | None: ...
    @property
    def revoked_at(self) -> datetime | None: ...


class CheckLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def extract_date(self) -> date: ...


_A = TypeVar("_A", bound=ApprovalLike)
_C = TypeVar("_C", bound=CheckLike)


def add_one_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _revoked_on(revoked_at: datetime | None) -> date | None:
    if revoked_at is None:
        return None
    if timezone.is_aware(revoked_at):
        return timezone.localdate(revoked_at)
    return revoked_at.date()


def approval_last_day(approval: ApprovalLike) -> date | None:
    """The last day the approval is valid; None when it has no end date and is not revoked."""
    revoked = _revoked_on(approval.revoked_at)
    last = approval.valid_until
    if revoked is not None:
        day_before = revoked - timedelta(days=1)
        last = day_before if last is None else min(last, day_before)
    return last


def approval_is_valid(approval: ApprovalLike, on: date) -> bool:
    if on < approval.approved_on:
        return False
    last = approval_last_day(approval)
    return last is None or on <= last


def check_last_day(check: CheckLike) -> date | None:
    """The last day a check counts: one year after the extract for child work, else None."""
    if check.kind in CHILD_EXTRACT_KINDS:
        return add_one_year(check.extract_date)
    return None


def check_counts(check: CheckLike, on: date) -> bool:
    if on < check.extract_date:
        return False
    last = check_last_day(check)
    return last is None or on <= last


def child_extract_dates_expiring(start: date, end: date) -> tuple[date, date]:
    """The range of extract dates whose last counting day falls within [start, end].

    `add_one_year` never decreases, so the extract dates form one range; used by selectors to
    find candidates in the database with the same rule as `check_last_day`. An empty range
    comes back with the first date after the last.
    """
    first = start - timedelta(days=368)
    while add_one_year(first) < start:
        first += timedelta(days=1)
    if add_one_year(first) > end:  # e.g. only 29 February: no extract ends then
        return first, first - timedelta(days=1)
    last = first
    while add_one_year(last + timedelta(days=1)) <= end:
        last += timedelta(days=1)
    return first, last


def valid_approvals(approvals: Iterable[_A], on: date) -> list[_A]:
    return [approval for approval in approvals if approval_is_valid(approval, on)]


def counting_checks(checks: Iterable[_C], on: date) -> list[_C]:
    return [check for check in checks if check_counts(check, on)]


@dataclass(frozen=True)
class Expiry:
    """One approval or check that stops being valid soon, with no newer one to replace it."""

    item: Any
    is_approval: bool
    last_day: date
    days_left: int


def _latest(days: list[date | None]) -> date | None:
    return None if any(d is None for d in days) else max(d for d in days if d is not None)


def expiring(
    *,
    approvals: Iterable[ApprovalLike],
    checks: Iterable[CheckLike],
    on: date,
    within_days: int,
) -> list[Expiry]:
    """What is valid on `on` and stops within `within_days` days, earliest first."""
    horizon = on + timedelta(days=within_days)
    found: list[Expiry] = []

    approval_groups: dict[tuple[Any, Any], list[ApprovalLike]] = {}
    for approval in valid_approvals(approvals, on):
        key = (approval.assignment_type_id, approval.target_group_id)
        approval_groups.setdefault(key, []).append(approval)
    for group in approval_groups.values():
        last = _latest([approval_last_day(a) for a in group])
        if last is not None and last <= horizon:
            item = next(a for a in group if approval_last_day(a) == last)
            found.append(Expiry(item, True, last, (last - on).days))

    check_groups: dict[str, list[CheckLike]] = {}
    for check in counting_checks(checks, on):
        check_groups.setdefault(check.kind, []).append(check)
    for group_checks in check_groups.values():
        last = _latest([check_last_day(c) for c in group_checks])
        if last is not None and last <= horizon:
            check_item = next(c for c in group_checks if check_last_day(c) == last)
            found.append(Expiry(check_item, False, last, (last - on).days))

    return sorted(found, key=lambda expiry: (expiry.last_day, not expiry.is_approval))
