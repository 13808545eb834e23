"""An assignment's statuses and the allowed moves between them (domain §3.1, §3.7)."""

from .constants import AssignmentStatus as S

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset({S.ACTIVE, S.ENDED}),
    S.ACTIVE: frozenset({S.PAUSED, S.INTERRUPTED, S.ENDED}),
    S.PAUSED: frozenset({S.ACTIVE, S.INTERRUPTED, S.ENDED}),
    S.INTERRUPTED: frozenset({S.ACTIVE, S.ENDED}),
    S.ENDED: frozenset(),
}


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())
