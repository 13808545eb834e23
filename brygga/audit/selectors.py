from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent


def audit_event_list(
    *,
    organisation_id: int | None,
    actor_id: int | None = None,
    person: str = "",
    event_types: list[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events of one organisation, newest first, filtered for the log review.

    `person` is a reference `"<model label>:<id>"` as stored in person_type/person_id.
    """
    if organisation_id is None:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if person:
        person_type, _, person_id = person.partition(":")
        events = events.filter(person_type=person_type, person_id=person_id)
    if event_types:
        events = events.filter(event_type__in=event_types)
    tz = timezone.get_current_timezone()
    if date_from:
        events = events.filter(occurred_at__gte=datetime.combine(date_from, time.min, tz))
    if date_to:
        events = events.filter(occurred_at__lte=datetime.combine(date_to, time.max, tz))
    return events.select_related("actor").order_by("-occurred_at", "-id")


def audit_filters_as_primitives(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters of a log review, for the review's own audit event."""
    return {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in filters.items()
        if value not in (None, "", []) and not hasattr(value, "pk")
    } | ({"actor": str(filters["actor"].public_id)} if filters.get("actor") else {})
