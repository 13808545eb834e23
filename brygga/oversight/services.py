"""Writes to oversight's own rows: partial implementation, the free text of an entry, and a
quarter marked as reported. Each audited; oversight never writes decisions or assignments."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Decision

from .constants import PartialClosedReason
from .models import EntryNote, EntryNoteRevision, PartialImplementation, QuarterReport
from .quarters import Quarter

NOTE_FIELDS = ("delay_reason", "consequences", "interim_support")


def partial_mark(
    *, decision: Decision, since: date, not_implemented: str, actor: Any
) -> PartialImplementation:
    """Mark `decision` as implemented only in part from `since`. Refused for a decision not
    yet implemented (it is in the register already), an ended one, or one already marked."""
    errors: dict[str, str] = {}
    text = not_implemented.strip()
    if not text:
        errors["not_implemented"] = _(
            "Skriv vad som inte verkställts, till exempel 2 av 4 träffar per månad."
        )
    if decision.status != DecisionStatus.IMPLEMENTED or decision.implemented_on is None:
        errors["since"] = _("Bara ett verkställt beslut som pågår kan vara delvis verkställt.")
    elif since < decision.decision_date:
        errors["since"] = _("Datumet kan inte vara före beslutsdatumet.")
    elif since > timezone.localdate():
        errors["since"] = _("Datumet kan inte ligga i framtiden.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            partial = PartialImplementation.objects.create(
                organisation=decision.organisation,
                decision=decision,
                since=since,
                not_implemented=text,
                recorded_by=actor,
            )
    except IntegrityError:
        raise ValidationError(
            {"since": _("Beslutet är redan markerat som delvis verkställt.")}
        ) from None
    audit_record(
        actor=actor,
        event=AuditEventType.OVERSIGHT_PARTIAL_MARKED,
        subject=decision,
        person=decision.client,
        organisation=decision.organisation,
        changes={"since": since.isoformat()},
    )
    return partial


@transaction.atomic
def partial_close(
    *, partial: PartialImplementation, closed_on: date, reason: str, actor: Any
) -> PartialImplementation:
    """Close a partial implementation with the date and the reason (in full, need ended,
    client withdrew, decision ended)."""
    current = PartialImplementation.objects.select_for_update().get(pk=partial.pk)
    errors: dict[str, str] = {}
    if current.closed_on is not None:
        errors["closed_on"] = _("Posten är redan avslutad.")
    elif closed_on < current.since:
        errors["closed_on"] = _("Posten kan inte avslutas före den blev delvis verkställd.")
    elif closed_on > timezone.localdate():
        errors["closed_on"] = _("Datumet kan inte ligga i framtiden.")
    if reason not in PartialClosedReason.values:
        errors["reason"] = _("Välj varför posten avslutas.")
    if errors:
        raise ValidationError(errors)
    current.closed_on = closed_on
    current.closed_reason = reason
    current.closed_by = actor
    current.save(update_fields=["closed_on", "closed_reason", "closed_by", "updated_at"])
    decision = current.decision
    audit_record(
        actor=actor,
        event=AuditEventType.OVERSIGHT_PARTIAL_CLOSED,
        subject=decision,
        person=decision.client,
        organisation=current.organisation,
        changes={"closed_on": closed_on.isoformat(), "reason": reason},
    )
    return current


@transaction.atomic
def entry_note_save(
    *, decision: Decision, entry_key: str, fields: dict[str, str], actor: Any
) -> EntryNote:
    """Save the free text of one entry; the earlier text stays in the revisions. Which fields
    changed is logged, never the text."""
    cleaned = {name: (fields.get(name) or "").strip() for name in NOTE_FIELDS}
    note, created = EntryNote.objects.select_for_update().get_or_create(
        organisation=decision.organisation,
        entry_key=entry_key,
        defaults={"decision": decision, "updated_by": actor, **cleaned},
    )
    changed = [name for name in NOTE_FIELDS if created or getattr(note, name) != cleaned[name]]
    if not changed:
        return note
    for name, value in cleaned.items():
        setattr(note, name, value)
    note.updated_by = actor
    note.save()
    EntryNoteRevision.objects.create(
        note=note, recorded_by=actor, recorded_at=timezone.now(), **cleaned
    )
    audit_record(
        actor=actor,
        event=AuditEventType.OVERSIGHT_ENTRY_NOTE_SAVED,
        subject=decision,
        person=decision.client,
        organisation=decision.organisation,
        changes={"entry": entry_key, "fields": changed},
    )
    return note


class QuarterAlreadyReportedError(ValueError):
    pass


def quarter_mark_reported(
    *, organisation: Any, quarter: Quarter, rows: list[dict[str, Any]], actor: Any
) -> QuarterReport:
    """Store the quarter as reported with `rows` (the report as reviewed, IVO fields only).
    Refused before the quarter has ended and when it is already reported."""
    if quarter.last_day >= timezone.localdate():
        raise ValidationError(_("Kvartalet är inte slut än."))
    try:
        with transaction.atomic():
            report = QuarterReport.objects.create(
                organisation=organisation,
                year=quarter.year,
                quarter=quarter.number,
                period_end=quarter.last_day,
                reported_at=timezone.now(),
                reported_by=actor,
                rows=rows,
            )
    except IntegrityError:
        raise QuarterAlreadyReportedError(quarter.label) from None
    audit_record(
        actor=actor,
        event=AuditEventType.OVERSIGHT_QUARTER_REPORTED,
        subject=report,
        organisation=organisation,
        changes={"quarter": quarter.label, "rows": len(rows)},
    )
    return report
