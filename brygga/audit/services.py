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
    unit_id: int | None = None,
    protected_identity: bool | None = None,
) -> AuditEvent:
    """Append one audit event.

    `actor` is the user who acted, or None for the system. `subject` is the record acted on;
    `person` the person whose data it is (the subject itself, when that is a person), so the
    log review finds every event about someone. `organisation` defaults to
    the subject's, then the actor's. `changes` must hold primitives only.

    `unit_id` and `protected_identity` describe the person (else the subject) as they are now,
    for the log review's flags; by default they are read from its `unit_id` and
    `protected_identity` attributes, when it has them.
    """
    event = AuditEventType(event)  # refuses anything not in the catalogue
    subject_type, subject_id = subject_ref(subject) if subject is not None else ("", "")
    person_type, person_id = subject_ref(person) if person is not None else ("", "")
    if organisation is None:
        organisation = getattr(subject, "organisation", None) or getattr(
            actor, "organisation", None
        )
    about = person if person is not None else subject
    if unit_id is None:
        unit_id = getattr(about, "unit_id", None)
    if protected_identity is None:
        protected_identity = bool(getattr(about, "protected_identity", False))
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        organisation=organisation,
        event_type=event,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=str(subject)[:200] if subject is not None else "",
        person_type=person_type,
        person_id=person_id,
        unit_id=unit_id,
        protected_identity=protected_identity,
        purpose=purpose,
        changes=changes or {},
        request_id=get_request_id() or "",
    )


SCRUB_CHUNK = 500


def audit_scrub_personal_data(
    *, refs: set[tuple[str, str]], actor: Any | None, organisation: Any, reason: str
) -> int:
    """Blank the label and changes of every event about the records `refs` (as subject or as
    person), for retention. The scrub is narrow (two columns), runs in the caller's
    transaction and is itself logged, with the count only. Returns the number of events."""
    if not refs:
        return 0
    by_type: dict[str, list[str]] = {}
    for ref_type, ref_id in sorted(refs):
        by_type.setdefault(ref_type, []).append(ref_id)
    scrubbed = 0
    for ref_type, ref_ids in by_type.items():
        for start in range(0, len(ref_ids), SCRUB_CHUNK):
            chunk = ref_ids[start : start + SCRUB_CHUNK]
            events = AuditEvent.objects.filter(
                models.Q(organisation=organisation) | models.Q(organisation__isnull=True)
            ).filter(
                models.Q(subject_type=ref_type, subject_id__in=chunk)
                | models.Q(person_type=ref_type, person_id__in=chunk)
            )
            scrubbed += events._scrub_personal_data()
    audit_record(
        actor=actor,
        event=AuditEventType.AUDIT_PAYLOAD_SCRUBBED,
        organisation=organisation,
        changes={"events": scrubbed, "reason": reason},
        purpose="Gallring",
    )
    return scrubbed
