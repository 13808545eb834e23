"""Who may see the register of unimplemented decisions, and the record of each look."""

from __future__ import annotations

from datetime import date
from typing import Any

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

VIEW_UNIMPLEMENTED = "oversight.view_unimplemented"
CHANGE_UNIMPLEMENTED = "oversight.change_unimplemented"
REPORT_QUARTER = "oversight.report_quarter"
VIEW_STATISTICS = "oversight.view_statistics"


def can_view_register(user: Any) -> bool:
    """Staff in an organisation holding `oversight.view_unimplemented`. Which decisions they
    see is narrowed further by `clients` (their units, unless `clients.view_all_units`)."""
    return (
        is_staff_user(user)
        and user.organisation_id is not None
        and bool(user.has_perm(VIEW_UNIMPLEMENTED))
    )


def _staff_with(user: Any, permission: str) -> bool:
    return (
        is_staff_user(user) and user.organisation_id is not None and bool(user.has_perm(permission))
    )


def can_change_register(user: Any) -> bool:
    """Mark partial implementation and write the free text of entries (in their units)."""
    return can_view_register(user) and _staff_with(user, CHANGE_UNIMPLEMENTED)


def can_report_quarter(user: Any) -> bool:
    """The huvudrapportör: prepares the quarter's report for the whole organisation (every
    unit) and marks it as reported. Granted to a person, never through a role."""
    return _staff_with(user, REPORT_QUARTER)


def can_view_statistics(user: Any) -> bool:
    return _staff_with(user, VIEW_STATISTICS)


def register_record_view(
    *, actor: Any | None, organisation: Any, as_of: date, entries: int, purpose: str
) -> None:
    """Record one look at the register (it holds personnummer): once per call."""
    audit_record(
        actor=actor,
        event=AuditEventType.OVERSIGHT_REGISTER_VIEWED,
        organisation=organisation,
        changes={"as_of": as_of.isoformat(), "entries": entries},
        purpose=purpose,
    )
