"""Partial implementation and the warnings before the deadline, as pure rules; quarters and
windows as pure dates."""

from __future__ import annotations

from datetime import date

from brygga.oversight.constants import ClosedReason, EntryKind
from brygga.oversight.quarters import Quarter, latest_ended, recent_quarters
from brygga.oversight.register import (
    DecisionFacts,
    InterruptionFacts,
    PartialFacts,
    entries_for,
    open_on,
    reportable_within,
)


def decision(**fields):
    values = {
        "decision_id": "d1",
        "client_ref": "19800101-9802",
        "law": "lss",
        "assignment_type": "kontaktperson",
        "decision_date": date(2026, 1, 15),
        "status": "implemented",
        "implemented_on": date(2026, 2, 1),
        "assignment_starts": (date(2026, 2, 1),),
    } | fields
    return DecisionFacts(**values)


def test_partly_implemented_from_the_start_waits_from_the_decision_date():
    facts = decision(partials=(PartialFacts(date(2026, 2, 1), "2 av 4 träffar"),))
    (entry,) = entries_for(facts)
    assert entry.kind is EntryKind.PARTLY_IMPLEMENTED
    assert entry.reportable_since == date(2026, 4, 15)
    assert entry.waiting_since == date(2026, 1, 15)
    assert entry.partial_note == "2 av 4 träffar"
    assert entry.key == "partly_implemented:d1:2026-02-01"
    assert [e.kind for e in open_on([facts], date(2026, 4, 15))] == [entry.kind]
    assert open_on([facts], date(2026, 4, 14)) == []


def test_a_later_reduction_waits_from_its_own_date():
    facts = decision(partials=(PartialFacts(date(2026, 5, 10), "1 av 2 helger"),))
    (entry,) = entries_for(facts)
    assert entry.reportable_since == date(2026, 8, 10)
    assert entry.days_waiting(date(2026, 8, 10)) == 92


def test_staff_close_a_partial_entry_with_date_and_reason():
    facts = decision(
        partials=(
            PartialFacts(date(2026, 2, 1), "2 av 4", date(2026, 6, 1), ClosedReason.NEED_ENDED),
        )
    )
    (entry,) = entries_for(facts)
    assert entry.closed_on == date(2026, 6, 1)
    assert entry.closed_reason is ClosedReason.NEED_ENDED
    assert open_on([facts], date(2026, 6, 1)) == []


def test_a_partial_entry_closed_before_it_became_reportable_never_enters():
    facts = decision(
        partials=(
            PartialFacts(date(2026, 2, 1), "2 av 4", date(2026, 3, 1), ClosedReason.IMPLEMENTED),
        )
    )
    assert entries_for(facts) == []


def test_warnings_list_what_becomes_reportable_within_the_days():
    waiting = decision(
        decision_id="w",
        status="active",
        implemented_on=None,
        assignment_starts=(),
        decision_date=date(2026, 3, 1),
    )
    interrupted = decision(
        decision_id="i",
        interruptions=(InterruptionFacts(started_on=date(2026, 3, 20)),),
    )
    implemented_in_time = decision(
        decision_id="t", decision_date=date(2026, 3, 5), implemented_on=date(2026, 5, 20)
    )
    facts = [waiting, interrupted, implemented_in_time]
    soon = reportable_within(facts, date(2026, 5, 25), 30)
    assert [(e.decision_id, e.reportable_since) for e in soon] == [
        ("w", date(2026, 6, 1)),
        ("i", date(2026, 6, 20)),
    ]
    assert reportable_within(facts, date(2026, 6, 1), 30) == [soon[1]]
    assert reportable_within(facts, date(2026, 4, 1), 30) == []


def test_quarters_and_their_windows():
    assert Quarter.containing(date(2026, 11, 22)) == Quarter(2026, 4)
    assert latest_ended(date(2026, 11, 22)) == Quarter(2026, 3)
    assert latest_ended(date(2026, 1, 5)) == Quarter(2025, 4)
    assert Quarter(2026, 1).last_day == date(2026, 3, 31)
    assert Quarter(2026, 1).window() == (date(2026, 4, 1), date(2026, 4, 30))
    assert Quarter(2026, 2).window() == (date(2026, 7, 1), date(2026, 8, 31))
    assert Quarter(2026, 3).window() == (date(2026, 10, 1), date(2026, 10, 31))
    assert Quarter(2026, 4).window() == (date(2027, 1, 1), date(2027, 1, 31))
    assert [q.label for q in recent_quarters(date(2026, 5, 2), 3)] == [
        "2026 Q1",
        "2025 Q4",
        "2025 Q3",
    ]
