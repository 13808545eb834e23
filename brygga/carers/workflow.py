"""The carer's status lifecycle: which changes are allowed from where."""

from __future__ import annotations

from .constants import CarerStatus

ALLOWED_TRANSITIONS: dict[CarerStatus, frozenset[CarerStatus]] = {
    CarerStatus.AVAILABLE: frozenset(
        {CarerStatus.PAUSED, CarerStatus.IN_ASSIGNMENT, CarerStatus.DEREGISTERED}
    ),
    CarerStatus.PAUSED: frozenset({CarerStatus.AVAILABLE, CarerStatus.DEREGISTERED}),
    CarerStatus.IN_ASSIGNMENT: frozenset(
        {CarerStatus.AVAILABLE, CarerStatus.PAUSED, CarerStatus.DEREGISTERED}
    ),
    CarerStatus.DEREGISTERED: frozenset(),
}


def can_change_status(current: str, new: str) -> bool:
    return CarerStatus(new) in ALLOWED_TRANSITIONS[CarerStatus(current)]
