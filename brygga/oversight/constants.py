"""Rules of the register of unimplemented decisions (ej verkställda beslut, domain §3.8)."""

from __future__ import annotations

from enum import StrEnum

from brygga.assignments.constants import EndReason
from brygga.catalogue.constants import LawArea
from brygga.clients.constants import REPORTABLE_AFTER_MONTHS

# IVO's reporting duty covers granted SoL bistånd and LSS insatser only. A kontaktperson under
# 22 § LVU or umgängesstöd under föräldrabalken is not reported as ej verkställt.
REPORTABLE_LAWS = frozenset({LawArea.SOL.value, LawArea.LSS.value})

# An avbrott not resumed within this many months is reported (the same three months as a
# decision not implemented).
INTERRUPTION_REPORTABLE_AFTER_MONTHS = REPORTABLE_AFTER_MONTHS

# An assignment ended for one of these reasons leaves the insats owed to the client: the
# municipality looks for a new carer, so an avbrott stays open until another assignment of
# the decision starts or the decision ends. Every other end reason closes the avbrott.
END_REASONS_KEEPING_INTERRUPTION_OPEN = frozenset(
    {EndReason.REMATCH.value, EndReason.BY_CARER.value}
)


class EntryKind(StrEnum):
    """The two grounds for an individrapport."""

    NOT_IMPLEMENTED = "not_implemented"  # ej verkställt beslut
    INTERRUPTED = "interrupted"  # avbrott i verkställigheten


class ClosedReason(StrEnum):
    """Why an entry left the register; reported once, in the next report."""

    IMPLEMENTED = "implemented"  # the first assignment started
    RESUMED = "resumed"  # the interrupted assignment, or another one, went on
    ASSIGNMENT_ENDED = "assignment_ended"  # e.g. the need ended or the client ended it
    DECISION_ENDED = "decision_ended"  # behovet upphört, beslutet löpt ut, flytt, ...
    WITHDRAWN = "withdrawn"  # the client withdrew the application
