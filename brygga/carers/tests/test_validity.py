"""The validity rules: table-driven cases and properties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from brygga.carers.constants import CheckKind
from brygga.carers.validity import (
    add_one_year,
    approval_is_valid,
    check_counts,
    check_last_day,
    child_extract_dates_expiring,
    counting_checks,
    expiring,
    valid_approvals,
)

TODAY = date(2026, 6, 15)


@dataclass
class A:
    approved_on: date
    valid_until: date | None = None
    revoked_at: datetime | None = None
    assignment_type_id: int = 1
    target_group_id: int | None = 1


@dataclass
class C:
    kind: str
    extract_date: date


LSS = CheckKind.LSS_EXTRACT_2010_479
CHILD = CheckKind.CHILDREN_EXTRACT_2013_852
CRIME = CheckKind.CRIMINAL_RECORD


@pytest.mark.parametrize(
    ("approval", "valid"),
    [
        (A(date(2026, 1, 1)), True),
        (A(date(2026, 6, 15)), True),
        (A(date(2026, 6, 16)), False),  # decided in the future
        (A(date(2025, 1, 1), valid_until=date(2026, 6, 15)), True),  # last day
        (A(date(2025, 1, 1), valid_until=date(2026, 6, 14)), False),
        (A(date(2025, 1, 1), revoked_at=datetime(2026, 6, 1, 10, tzinfo=UTC)), False),
        (A(date(2025, 1, 1), revoked_at=datetime(2026, 7, 1, 10, tzinfo=UTC)), True),
    ],
)
def test_approval_validity(approval, valid):
    assert approval_is_valid(approval, TODAY) is valid


@pytest.mark.parametrize(
    ("check", "counts", "last_day"),
    [
        (C(LSS, date(2025, 6, 15)), True, date(2026, 6, 15)),  # exactly one year old
        (C(LSS, date(2025, 6, 14)), False, date(2026, 6, 14)),  # a day too old
        (C(CHILD, date(2026, 1, 1)), True, date(2027, 1, 1)),
        (C(CHILD, date(2025, 1, 1)), False, date(2026, 1, 1)),
        (C(CRIME, date(2019, 1, 1)), True, None),  # not time-limited
        (C(LSS, date(2026, 6, 16)), False, date(2027, 6, 16)),  # issued in the future
        (C(LSS, date(2024, 2, 29)), False, date(2025, 2, 28)),  # leap day
    ],
)
def test_check_counts(check, counts, last_day):
    assert check_counts(check, TODAY) is counts
    assert check_last_day(check) == last_day


def test_lists_keep_only_valid_and_counting():
    approvals = [A(date(2026, 1, 1)), A(date(2025, 1, 1), valid_until=date(2026, 1, 1))]
    checks = [C(LSS, date(2026, 1, 1)), C(LSS, date(2024, 1, 1))]
    assert valid_approvals(approvals, TODAY) == approvals[:1]
    assert counting_checks(checks, TODAY) == checks[:1]


@pytest.mark.parametrize(
    ("approvals", "checks", "expected_days"),
    [
        ([A(date(2025, 1, 1), valid_until=date(2026, 7, 1))], [], [16]),
        ([A(date(2025, 1, 1), valid_until=date(2026, 9, 1))], [], []),  # beyond 60 days
        ([A(date(2025, 1, 1), valid_until=date(2026, 6, 1))], [], []),  # already ended
        # replaced by a newer approval of the same type and group
        (
            [
                A(date(2025, 1, 1), valid_until=date(2026, 7, 1)),
                A(date(2026, 6, 1), valid_until=None),
            ],
            [],
            [],
        ),
        # another target group does not replace it
        (
            [
                A(date(2025, 1, 1), valid_until=date(2026, 7, 1)),
                A(date(2026, 6, 1), target_group_id=2),
            ],
            [],
            [16],
        ),
        ([], [C(LSS, date(2025, 7, 1))], [16]),
        ([], [C(LSS, date(2025, 7, 1)), C(LSS, date(2026, 6, 1))], []),  # a newer extract
        ([], [C(CRIME, date(2020, 1, 1))], []),
    ],
)
def test_expiring_within_60_days(approvals, checks, expected_days):
    found = expiring(approvals=approvals, checks=checks, on=TODAY, within_days=60)
    assert [e.days_left for e in found] == expected_days


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(extract=dates, day=dates)
def test_child_extract_counts_exactly_for_one_year(extract, day):
    check = C(LSS, extract)
    counts = check_counts(check, day)
    assert counts == (extract <= day <= add_one_year(extract))
    if counts:
        # at most one year old: never more than 366 days
        assert (day - extract).days <= 366
        # and it counted on every day since the extract
        middle = extract + (day - extract) / 2
        assert check_counts(check, middle)


@given(day=dates, within=st.integers(min_value=0, max_value=400))
@example(day=date(2028, 2, 29), within=0)
def test_expiry_window_agrees_with_the_database_range(day, within):
    """The range selectors use to find candidates is exactly the rule's preimage."""
    horizon = day + timedelta(days=within)
    first, last = child_extract_dates_expiring(day, horizon)
    assert add_one_year(first - timedelta(days=1)) < day
    assert add_one_year(last + timedelta(days=1)) > horizon
    if first <= last:
        for extract in (first, last):
            assert day <= add_one_year(extract) <= horizon
    else:
        assert add_one_year(first) > horizon


@given(extract=dates, day=dates, within=st.integers(min_value=0, max_value=120))
def test_an_expiring_extract_still_counts_today_and_not_after_the_window(extract, day, within):
    check = C(CHILD, extract)
    found = expiring(approvals=[], checks=[check], on=day, within_days=within)
    if found:
        assert check_counts(check, day)
        assert not check_counts(check, day + timedelta(days=within + 1))
    elif check_counts(check, day):
        assert check_counts(check, day + timedelta(days=within))
