"""The register's rules as pure functions: which entries are open on a date, which closed in a
period, table-driven over the Done-when scenarios and the edge dates, and a property checked
against an independent formula."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brygga.oversight.constants import ClosedReason, EntryKind
from brygga.oversight.register import (
    ENTRY_KEYS,
    DecisionFacts,
    InterruptionFacts,
    closed_between,
    entries_for,
    open_on,
    parse_iso_date,
)

DECIDED = date(2026, 1, 15)
REPORTABLE = date(2026, 4, 15)


def decision(**fields):
    values = {
        "decision_id": "d1",
        "client_ref": "20150312-9802",
        "law": "sol",
        "assignment_type": "kontaktperson",
        "decision_date": DECIDED,
    } | fields
    return DecisionFacts(**values)


def listed(facts, as_of):
    return [(e.kind, e.interruption_date) for e in open_on([facts], as_of)]


NOT_IMPLEMENTED = [(EntryKind.NOT_IMPLEMENTED, None)]


@pytest.mark.parametrize(
    ("name", "facts", "as_of", "expected"),
    [
        ("never started, the day before", decision(), REPORTABLE - timedelta(days=1), []),
        ("never started, on the deadline", decision(), REPORTABLE, NOT_IMPLEMENTED),
        ("never started, a day after", decision(), REPORTABLE + timedelta(days=1), NOT_IMPLEMENTED),
        ("never started, a year after", decision(), date(2027, 1, 15), NOT_IMPLEMENTED),
        (
            "started the day before the deadline",
            decision(status="implemented", implemented_on=REPORTABLE - timedelta(days=1)),
            date(2026, 7, 1),
            [],
        ),
        (
            "started on the deadline",
            decision(status="implemented", implemented_on=REPORTABLE),
            REPORTABLE,
            [],
        ),
        (
            "started a day after the deadline: open on the deadline",
            decision(status="implemented", implemented_on=REPORTABLE + timedelta(days=1)),
            REPORTABLE,
            NOT_IMPLEMENTED,
        ),
        (
            "started a day after the deadline: closed that day",
            decision(status="implemented", implemented_on=REPORTABLE + timedelta(days=1)),
            REPORTABLE + timedelta(days=1),
            [],
        ),
        (
            "started later than as_of: still open on as_of",
            decision(status="implemented", implemented_on=date(2026, 9, 1)),
            date(2026, 8, 31),
            NOT_IMPLEMENTED,
        ),
        (
            "need ended after the deadline",
            decision(status="ended", ended_on=date(2026, 6, 1), end_reason="Behovet upphört"),
            date(2026, 6, 1),
            [],
        ),
        (
            "need ended after the deadline, the day before",
            decision(status="ended", ended_on=date(2026, 6, 1), end_reason="Behovet upphört"),
            date(2026, 5, 31),
            NOT_IMPLEMENTED,
        ),
        (
            "withdrawn",
            decision(status="withdrawn", ended_on=date(2026, 5, 1), end_reason="Återtagen"),
            date(2026, 6, 1),
            [],
        ),
        (
            "LVU decisions are not reported to IVO",
            decision(law="lvu"),
            date(2027, 1, 1),
            [],
        ),
        (
            "föräldrabalken decisions are not reported to IVO",
            decision(law="fb"),
            date(2027, 1, 1),
            [],
        ),
        ("LSS decisions are", decision(law="lss"), date(2027, 1, 1), NOT_IMPLEMENTED),
        (
            "month-end clamping: 30 November is reportable on 28 February",
            decision(decision_date=date(2026, 11, 30)),
            date(2027, 2, 28),
            NOT_IMPLEMENTED,
        ),
        (
            "month-end clamping: not on 27 February",
            decision(decision_date=date(2026, 11, 30)),
            date(2027, 2, 27),
            [],
        ),
    ],
)
def test_decisions_not_implemented(name, facts, as_of, expected):
    assert listed(facts, as_of) == expected, name


STARTED = date(2026, 2, 1)
INTERRUPTED = date(2026, 3, 10)
INTERRUPTION_REPORTABLE = date(2026, 6, 10)


def interrupted(*, resumed_on=None, ended_on=None, end_reason="", starts=(STARTED,), **fields):
    return decision(
        status=fields.pop("status", "implemented"),
        implemented_on=STARTED,
        assignment_starts=starts,
        interruptions=(
            InterruptionFacts(
                started_on=INTERRUPTED,
                resumed_on=resumed_on,
                assignment_ended_on=ended_on,
                assignment_end_reason=end_reason,
            ),
        ),
        **fields,
    )


AVBROTT = [(EntryKind.INTERRUPTED, INTERRUPTED)]


@pytest.mark.parametrize(
    ("name", "facts", "as_of", "expected"),
    [
        ("not resumed, the day before", interrupted(), INTERRUPTION_REPORTABLE - timedelta(1), []),
        ("not resumed, on the day", interrupted(), INTERRUPTION_REPORTABLE, AVBROTT),
        ("not resumed, long after", interrupted(), date(2027, 3, 1), AVBROTT),
        (
            "resumed the day before three months",
            interrupted(resumed_on=INTERRUPTION_REPORTABLE - timedelta(1)),
            date(2026, 9, 1),
            [],
        ),
        (
            "resumed after three months: open until then",
            interrupted(resumed_on=date(2026, 7, 1)),
            date(2026, 6, 30),
            AVBROTT,
        ),
        (
            "resumed after three months: closed from then",
            interrupted(resumed_on=date(2026, 7, 1)),
            date(2026, 7, 1),
            [],
        ),
        (
            "the assignment ended because the need ended",
            interrupted(
                resumed_on=date(2026, 7, 1), ended_on=date(2026, 7, 1), end_reason="need_ended"
            ),
            date(2026, 7, 1),
            [],
        ),
        (
            "the assignment ended for a new match: the insats is still owed",
            interrupted(
                resumed_on=date(2026, 5, 1), ended_on=date(2026, 5, 1), end_reason="rematch"
            ),
            date(2026, 8, 1),
            AVBROTT,
        ),
        (
            "the carer ended it: the insats is still owed",
            interrupted(resumed_on=date(2026, 5, 1), ended_on=date(2026, 5, 1), end_reason="carer"),
            date(2026, 8, 1),
            AVBROTT,
        ),
        (
            "a new carer started: resumed",
            interrupted(
                resumed_on=date(2026, 5, 1),
                ended_on=date(2026, 5, 1),
                end_reason="rematch",
                starts=(STARTED, date(2026, 7, 1)),
            ),
            date(2026, 7, 1),
            [],
        ),
        (
            "the decision ended",
            decision(
                status="ended",
                implemented_on=STARTED,
                ended_on=date(2026, 7, 1),
                end_reason="Behovet upphört",
                assignment_starts=(STARTED,),
                interruptions=(InterruptionFacts(started_on=INTERRUPTED),),
            ),
            date(2026, 7, 1),
            [],
        ),
    ],
)
def test_interruptions(name, facts, as_of, expected):
    assert listed(facts, as_of) == expected, name


def test_declined_offers_change_nothing():
    """A decision whose only offers were declined has no start: nothing in the facts closes it.
    (The facts carry no offers at all: offers cannot close an entry.)"""
    assert listed(decision(), date(2026, 10, 1)) == NOT_IMPLEMENTED


def test_a_closed_entry_is_reported_as_closed_in_the_next_report_only():
    need_ended = decision(status="ended", ended_on=date(2026, 5, 20), end_reason="Behovet upphört")
    q1, q2, q3 = date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)
    assert listed(need_ended, q1) == []
    assert closed_between([need_ended], q1, q2)[0].closed_on == date(2026, 5, 20)
    assert closed_between([need_ended], q1, q2)[0].closed_reason == ClosedReason.DECISION_ENDED
    assert closed_between([need_ended], q1, q2)[0].closed_note == "Behovet upphört"
    assert listed(need_ended, q2) == []
    assert closed_between([need_ended], q2, q3) == []


def test_an_entry_closed_before_it_was_reportable_is_never_reported():
    early = decision(status="implemented", implemented_on=REPORTABLE)
    assert entries_for(early) == []
    assert closed_between([early], date(2026, 1, 1), date(2026, 12, 31)) == []


def test_implementation_closes_with_its_reason():
    late = decision(status="implemented", implemented_on=date(2026, 5, 2))
    (entry,) = closed_between([late], date(2026, 3, 31), date(2026, 6, 30))
    assert (entry.closed_on, entry.closed_reason) == (date(2026, 5, 2), ClosedReason.IMPLEMENTED)


def test_the_entry_as_json_has_the_stable_keys_and_dates_as_text():
    (entry,) = open_on([decision()], date(2026, 5, 1))
    assert entry.as_json(date(2026, 5, 1)) == {
        "decision_id": "d1",
        "client_ref": "20150312-9802",
        "law": "sol",
        "assignment_type": "kontaktperson",
        "decision_date": "2026-01-15",
        "interruption_date": None,
        "days_waiting": 106,
        "reportable_since": "2026-04-15",
    }
    assert tuple(entry.as_json(date(2026, 5, 1))) == ENTRY_KEYS
    (avbrott,) = open_on([interrupted()], date(2026, 7, 1))
    shown = avbrott.as_json(date(2026, 7, 1))
    assert shown["interruption_date"] == "2026-03-10"
    assert shown["days_waiting"] == 113  # from the avbrott, not the decision
    assert shown["reportable_since"] == "2026-06-10"


def test_the_longest_reportable_comes_first():
    newer = decision(decision_id="new", decision_date=date(2026, 2, 1))
    older = decision(decision_id="old", decision_date=date(2026, 1, 2))
    assert [e.decision_id for e in open_on([newer, older], date(2026, 6, 1))] == ["old", "new"]


@pytest.mark.parametrize("text", ["2026-4-1", "20260401", "2026-02-30", "i går", "", "2026-04-01x"])
def test_only_iso_dates_parse(text):
    with pytest.raises(ValueError):
        parse_iso_date(text)


def test_an_iso_date_parses():
    assert parse_iso_date(" 2026-04-01 ") == date(2026, 4, 1)


# --- The property: open iff the rules say so, by an independent formula ----------------------


def three_months_later(day: date) -> date:
    """Independent of `add_months`: walk to the same day number three months on, or the last
    day of that month if it is shorter."""
    month = day.month + 3
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
optional_days = st.none() | days


@settings(max_examples=300, deadline=None)
@given(
    decided=days,
    law=st.sampled_from(["sol", "lss", "lvu", "fb"]),
    implemented=optional_days,
    ending=st.sampled_from(["active", "ended", "withdrawn"]),
    ended=days,
    as_of=days,
)
def test_a_decision_is_open_iff_the_rules_say_so(decided, law, implemented, ending, ended, as_of):
    status = ending if ending != "active" else ("implemented" if implemented else "active")
    facts = decision(
        decision_date=decided,
        law=law,
        status=status,
        implemented_on=implemented,
        ended_on=ended if ending != "active" else None,
    )
    expected = (
        law in ("sol", "lss")
        and three_months_later(decided) <= as_of
        and not (implemented is not None and implemented <= as_of)
        and not (ending != "active" and ended <= as_of)
    )
    assert (listed(facts, as_of) == NOT_IMPLEMENTED) is expected


@settings(max_examples=300, deadline=None)
@given(
    started=days,
    resumed=optional_days,
    ended=optional_days,
    end_reason=st.sampled_from(["need_ended", "client", "municipality", "rematch", "carer"]),
    new_start=optional_days,
    as_of=days,
)
def test_an_interruption_is_open_iff_the_rules_say_so(
    started, resumed, ended, end_reason, new_start, as_of
):
    # ending an assignment fills in the open avbrott's resumed_on with the end date
    if ended is not None and resumed is None:
        resumed = ended
    facts = decision(
        decision_date=started - timedelta(days=60),
        status="implemented",
        implemented_on=started - timedelta(days=30),
        assignment_starts=tuple(
            d for d in (started - timedelta(days=30), new_start) if d is not None
        ),
        interruptions=(
            InterruptionFacts(
                started_on=started,
                resumed_on=resumed,
                assignment_ended_on=ended,
                assignment_end_reason=end_reason if ended else "",
            ),
        ),
    )
    really_resumed = resumed is not None and resumed != ended
    owed = end_reason in ("rematch", "carer")
    closed = (
        (really_resumed and resumed <= as_of)
        or (ended is not None and not owed and ended <= as_of)
        or (new_start is not None and started <= new_start <= as_of)
    )
    expected = three_months_later(started) <= as_of and not closed
    assert (listed(facts, as_of) == [(EntryKind.INTERRUPTED, started)]) is expected
