"""The IVO date (decision date + 3 months, clamped to month end), waiting days, and that the
SQL annotations agree with the pure functions."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Value
from django.db.models.fields import DateField

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brygga.accounts.models import Organisation
from brygga.clients.deadlines import (
    add_months,
    decision_dates_reportable_within,
    reportable_on,
    waiting_days,
)
from brygga.clients.expressions import AddMonths


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (date(2025, 1, 15), date(2025, 4, 15)),
        (date(2025, 11, 30), date(2026, 2, 28)),
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
        (date(2025, 11, 29), date(2026, 2, 28)),
        (date(2026, 5, 31), date(2026, 8, 31)),
        (date(2026, 3, 31), date(2026, 6, 30)),
        (date(2026, 10, 31), date(2027, 1, 31)),  # over the new year
        (date(2026, 12, 31), date(2027, 3, 31)),
    ],
)
def test_reportable_on_clamps_to_month_end(decided, expected):
    assert reportable_on(decided) == expected


def test_add_months_backwards_and_over_years():
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 13) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 31), 0) == date(2026, 1, 31)


def test_waiting_days_until_implemented_or_today():
    decided = date(2026, 6, 1)
    assert waiting_days(decided, None, date(2026, 6, 1)) == 0
    assert waiting_days(decided, None, date(2026, 9, 1)) == 92
    assert waiting_days(decided, date(2026, 6, 20), date(2026, 9, 1)) == 19


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1999, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 14))
def test_the_sql_add_months_agrees_with_python(day, months):
    Organisation.objects.get_or_create(name="Kalenderkommun")
    row = (
        Organisation.objects.filter(name="Kalenderkommun")
        .annotate(moved=AddMonths(Value(day, output_field=DateField()), months))
        .values_list("moved", flat=True)
        .get()
    )
    assert row == add_months(day, months)


@pytest.mark.django_db
def test_every_month_end_of_two_years_agrees_in_sql():
    organisation = Organisation.objects.create(name="Månadskommun")
    start = date(2027, 1, 1)
    month_ends = [
        start + timedelta(days=offset)
        for offset in range(731)
        if (start + timedelta(days=offset + 4)).day <= 4
    ]
    assert len(month_ends) == 24 * 4
    for day in month_ends:
        target = (
            Organisation.objects.filter(pk=organisation.pk)
            .annotate(target=AddMonths(Value(day, output_field=DateField()), 3))
            .values_list("target", flat=True)
            .get()
        )
        assert target == reportable_on(day), day


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 40))
def test_decision_dates_reportable_within_is_exactly_the_range(after, days):
    until = after + timedelta(days=days)
    first, last = decision_dates_reportable_within(after, until)
    for offset in range(-130, 10 + days):
        day = after + timedelta(days=offset - 92)
        assert (first <= day <= last) == (after < reportable_on(day) <= until), day
