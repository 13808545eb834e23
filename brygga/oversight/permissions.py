"""Who may see the register of unimplemented decisions, and the record of each look."""

from __future__ import annotations

from datetime import date
from typing import Any

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import is_staff_user

VIEW_UNIMPLEMENTED = "oversight.view_unimplemented"


def can_view_register(user: Any) -> bool:
    """Staff in an organisation holding `oversight.view_unimplemented`. Which decisions they
    see is narrowed further by `clients` (their units, unless `clients.view_all_units`)."""
    return (
        is_staff_user(user)
        and user.organisation_id is not None
        and bool(user.has_perm(VIEW_UNIMPLEMENTED))
    )


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
