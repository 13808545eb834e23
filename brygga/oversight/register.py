"""The register of unimplemented decisions (ej verkställda beslut), derived from the data.

Pure functions over plain values, no database: `selectors.py` loads the facts. Nothing in the
register is typed by hand; an entry exists because the dates say so (domain §0 item 7, §3.8):

* **not implemented**: a granted SoL or LSS decision is reportable from its decision date
  plus three months (clamped to the end of a shorter month, `clients.deadlines.add_months`),
  and stays open until the decision is implemented (its first assignment started), ended or
  withdrawn;
* **interrupted**: an avbrott is reportable from its first day plus three months, and stays
  open until the assignment is resumed, another assignment of the decision starts, the
  assignment ends for a reason that means the insats is no longer owed (see
  `constants.END_REASONS_KEEPING_INTERRUPTION_OPEN`), or the decision ends or is withdrawn;
* **partly implemented**: staff mark a decision as carried out only in part (2 of 4 meetings a
  month) from a date. If that date is on or before the decision was implemented, the part not
  carried out has waited since the decision date and is reportable three months after it;
  a later reduction waits from its own date. It stays open until staff close it (implemented
  in full, need ended, client withdrew) or the decision ends or is withdrawn.

An entry is open on day `d` when `reportable_since <= d < closed_on`: the day something is
implemented, resumed or ended, it is no longer waiting. A decision implemented on or before
its reportable date never enters the register. Offers, declined or not, change nothing.
A closed entry is reported once more, as closed, in the first report after `closed_on`
(`closed_between`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from brygga.clients.constants import REPORTABLE_AFTER_MONTHS, DecisionStatus
from brygga.clients.deadlines import add_months

from .constants import (
    END_REASONS_KEEPING_INTERRUPTION_OPEN,
    INTERRUPTION_REPORTABLE_AFTER_MONTHS,
    REPORTABLE_LAWS,
    ClosedReason,
    EntryKind,
)

# A decision in one of these statuses closes its entries on its `ended_on`.
_ENDED_STATUSES = {
    DecisionStatus.ENDED.value: ClosedReason.DECISION_ENDED,
    DecisionStatus.WITHDRAWN.value: ClosedReason.WITHDRAWN,
}

# The keys of one entry in the stable interface (command and API), in this order.
ENTRY_KEYS = (
    "decision_id",
    "client_ref",
    "law",
    "assignment_type",
    "decision_date",
    "interruption_date",
    "days_waiting",
    "reportable_since",
)


@dataclass(frozen=True)
class InterruptionFacts:
    """One avbrott and what became of its assignment."""

    started_on: date
    resumed_on: date | None = None
    assignment_ended_on: date | None = None
    assignment_end_reason: str = ""


@dataclass(frozen=True)
class PartialFacts:
    """A decision marked as partly implemented from `since`, closed by staff or not yet."""

    since: date
    not_implemented: str
    closed_on: date | None = None
    closed_reason: str = ""


@dataclass(frozen=True)
class DecisionFacts:
    """What the register needs to know about one decision. `assignment_starts` holds the start
    date of every assignment of the decision that started; `interruptions` every avbrott of
    any of them."""

    decision_id: str
    client_ref: str
    law: str
    assignment_type: str
    decision_date: date
    status: str = DecisionStatus.ACTIVE.value
    implemented_on: date | None = None
    ended_on: date | None = None
    end_reason: str = ""
    assignment_starts: tuple[date, ...] = ()
    interruptions: tuple[InterruptionFacts, ...] = field(default=())
    partials: tuple[PartialFacts, ...] = field(default=())


@dataclass(frozen=True)
class Entry:
    """One reportable entry: a decision not implemented, or one avbrott. `closed_on` is the
    first day it no longer waits (None while it does), with the reason and the free-text
    reason recorded on the decision or the assignment."""

    kind: EntryKind
    decision_id: str
    client_ref: str
    law: str
    assignment_type: str
    decision_date: date
    interruption_date: date | None
    reportable_since: date
    closed_on: date | None = None
    closed_reason: ClosedReason | None = None
    closed_note: str = ""
    partial_since: date | None = None
    partial_note: str = ""
    partial_waits_from: date | None = None

    @property
    def waiting_since(self) -> date:
        return self.interruption_date or self.partial_waits_from or self.decision_date

    @property
    def key(self) -> str:
        """Names the entry for its notes and across reports: the kind, the decision and the
        day its ground began (the avbrott, the partial implementation or the decision)."""
        day = self.interruption_date or self.partial_since or self.decision_date
        return f"{self.kind.value}:{self.decision_id}:{day.isoformat()}"

    def is_open_on(self, day: date) -> bool:
        return self.reportable_since <= day and (self.closed_on is None or day < self.closed_on)

    @property
    def ever_reportable(self) -> bool:
        return self.closed_on is None or self.reportable_since < self.closed_on

    def days_waiting(self, as_of: date) -> int:
        """Days from the decision (or the avbrott) to `as_of`."""
        return (as_of - self.waiting_since).days

    def as_json(self, as_of: date) -> dict[str, Any]:
        """The entry as the command and the API answer it: dates as YYYY-MM-DD, no name."""
        return {
            "decision_id": self.decision_id,
            "client_ref": self.client_ref,
            "law": self.law,
            "assignment_type": self.assignment_type,
            "decision_date": self.decision_date.isoformat(),
            "interruption_date": (
                self.interruption_date.isoformat() if self.interruption_date else None
            ),
            "days_waiting": self.days_waiting(as_of),
            "reportable_since": self.reportable_since.isoformat(),
        }


def _earliest(
    candidates: Iterable[tuple[date | None, ClosedReason, str]],
) -> tuple[date | None, ClosedReason | None, str]:
    """The first closing event; on the same day, the one listed first wins."""
    dated = [(day, reason, note) for day, reason, note in candidates if day is not None]
    if not dated:
        return None, None, ""
    return min(dated, key=lambda candidate: candidate[0])


def _decision_closing(decision: DecisionFacts) -> list[tuple[date | None, ClosedReason, str]]:
    reason = _ENDED_STATUSES.get(decision.status)
    if reason is None:
        return []
    return [(decision.ended_on, reason, decision.end_reason)]


def _decision_entry(decision: DecisionFacts) -> Entry:
    closed_on, reason, note = _earliest(
        [
            (decision.implemented_on, ClosedReason.IMPLEMENTED, ""),
            *_decision_closing(decision),
        ]
    )
    return Entry(
        kind=EntryKind.NOT_IMPLEMENTED,
        decision_id=decision.decision_id,
        client_ref=decision.client_ref,
        law=decision.law,
        assignment_type=decision.assignment_type,
        decision_date=decision.decision_date,
        interruption_date=None,
        reportable_since=add_months(decision.decision_date, REPORTABLE_AFTER_MONTHS),
        closed_on=closed_on,
        closed_reason=reason,
        closed_note=note,
    )


def _interruption_entry(decision: DecisionFacts, interruption: InterruptionFacts) -> Entry:
    ended_on = interruption.assignment_ended_on
    ended_by_end = ended_on is not None and interruption.resumed_on == ended_on
    # Ending an assignment fills in `resumed_on` with the end date; that is not a resumption.
    resumed_on = None if ended_by_end else interruption.resumed_on
    closes_on_end = interruption.assignment_end_reason not in END_REASONS_KEEPING_INTERRUPTION_OPEN
    other_start = min(
        (day for day in decision.assignment_starts if day >= interruption.started_on),
        default=None,
    )
    closed_on, reason, note = _earliest(
        [
            (resumed_on, ClosedReason.RESUMED, ""),
            (other_start, ClosedReason.RESUMED, ""),
            (
                ended_on if closes_on_end else None,
                ClosedReason.ASSIGNMENT_ENDED,
                interruption.assignment_end_reason,
            ),
            *_decision_closing(decision),
        ]
    )
    return Entry(
        kind=EntryKind.INTERRUPTED,
        decision_id=decision.decision_id,
        client_ref=decision.client_ref,
        law=decision.law,
        assignment_type=decision.assignment_type,
        decision_date=decision.decision_date,
        interruption_date=interruption.started_on,
        reportable_since=add_months(interruption.started_on, INTERRUPTION_REPORTABLE_AFTER_MONTHS),
        closed_on=closed_on,
        closed_reason=reason,
        closed_note=note,
    )


def _partial_entry(decision: DecisionFacts, partial: PartialFacts) -> Entry:
    implemented_on = decision.implemented_on
    from_start = implemented_on is None or partial.since <= implemented_on
    waiting_since = decision.decision_date if from_start else partial.since
    reason = (
        ClosedReason(partial.closed_reason) if partial.closed_reason else ClosedReason.IMPLEMENTED
    )
    closed_on, closed_reason, note = _earliest(
        [(partial.closed_on, reason, ""), *_decision_closing(decision)]
    )
    return Entry(
        kind=EntryKind.PARTLY_IMPLEMENTED,
        decision_id=decision.decision_id,
        client_ref=decision.client_ref,
        law=decision.law,
        assignment_type=decision.assignment_type,
        decision_date=decision.decision_date,
        interruption_date=None,
        reportable_since=add_months(waiting_since, REPORTABLE_AFTER_MONTHS),
        closed_on=closed_on,
        closed_reason=closed_reason,
        closed_note=note,
        partial_since=partial.since,
        partial_note=partial.not_implemented,
        partial_waits_from=waiting_since,
    )


def entries_for(decision: DecisionFacts) -> list[Entry]:
    """Every entry the decision has ever had or will have if nothing changes: the decision
    itself and each avbrott, those closed before they became reportable left out. Nothing for
    a decision under a law IVO's reporting does not cover."""
    if decision.law not in REPORTABLE_LAWS:
        return []
    candidates = [
        _decision_entry(decision),
        *(_interruption_entry(decision, i) for i in decision.interruptions),
        *(_partial_entry(decision, p) for p in decision.partials),
    ]
    return [entry for entry in candidates if entry.ever_reportable]


def _sort_key(entry: Entry) -> tuple[date, date, str, date]:
    return (
        entry.reportable_since,
        entry.decision_date,
        entry.decision_id,
        entry.interruption_date or date.min,
    )


def open_on(decisions: Iterable[DecisionFacts], as_of: date) -> list[Entry]:
    """The entries open on `as_of`, the longest-reportable first."""
    found = [
        entry
        for decision in decisions
        for entry in entries_for(decision)
        if entry.is_open_on(as_of)
    ]
    return sorted(found, key=_sort_key)


def closed_between(decisions: Iterable[DecisionFacts], after: date, until: date) -> list[Entry]:
    """Entries that were reportable and closed in the period `after < closed_on <= until`:
    reported once, as implemented or closed with date and reason, in the report for that
    period and never again."""
    found = [
        entry
        for decision in decisions
        for entry in entries_for(decision)
        if entry.closed_on is not None and after < entry.closed_on <= until
    ]
    return sorted(found, key=lambda entry: (entry.closed_on or date.min, *_sort_key(entry)))


def reportable_within(decisions: Iterable[DecisionFacts], as_of: date, days: int) -> list[Entry]:
    """Entries not yet reportable on `as_of` that become so within `days` days if nothing
    changes (still open on `as_of`): the warnings before the deadline."""
    last = date.fromordinal(as_of.toordinal() + days)
    found = [
        entry
        for decision in decisions
        for entry in entries_for(decision)
        if as_of < entry.reportable_since <= last
        and (entry.closed_on is None or entry.closed_on > as_of)
    ]
    return sorted(found, key=_sort_key)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso_date(text: str) -> date:
    """`YYYY-MM-DD` exactly (no other ISO form), or ValueError."""
    cleaned = (text or "").strip()
    if not _ISO_DATE.match(cleaned):
        raise ValueError(text)
    return date.fromisoformat(cleaned)
