"""`audit_record()`: the one way to write an audit event.

Services call it inside their own transaction, so the event and the change commit or roll back
together. Gatekeepers call it for reads of personal data.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from brygga.core.request_context import get_request_id

from .constants import AuditEventType
from .models import AuditEvent


def subject_ref(obj: models.Model) -> tuple[str, str]:
    """The stable reference of a record: its model label and public id (or primary key)."""
    identifier = getattr(obj, "public_id", None) or obj.pk
    return obj._meta.label_lower, str(identifier)


def audit_record(
    *,
    actor: Any | None,
    event: AuditEventType,
    subject: models.Model | None = None,
    person: models.Model | None = None,
    organisation: Any | None = None,
    changes: dict[str, Any] | None = None,
    purpose: str = "",
) -> AuditEvent:
    """Append one audit event.

    `actor` is the user who acted, or None for the system. `subject` is the record acted on;
    `person` the person whose data it is (the subject itself, when that is a person), so the
    log review finds every event about someone. `organisation` defaults to
    the subject's, then the actor's. `changes` must hold primitives only.
    """
    event = AuditEventType(event)  # refuses anything not in the catalogue
    subject_type, subject_id = subject_ref(subject) if subject is not None else ("", "")
    person_type, person_id = subject_ref(person) if person is not None else ("", "")
    if organisation is None:
        organisation = getattr(subject, "organisation", None) or getattr(
            actor, "organisation", None
        )
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        organisation=organisation,
        event_type=event,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=str(subject)[:200] if subject is not None else "",
        person_type=person_type,
        person_id=person_id,
        purpose=purpose,
        changes=changes or {},
        request_id=get_request_id() or "",
    )
