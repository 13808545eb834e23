from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from .constants import READ_EVENTS
from .models import AuditEvent


def audit_event_list(
    *,
    organisation_id: int | None,
    actor_id: int | None = None,
    person: str = "",
    event_types: list[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    unusual: bool = False,
) -> QuerySet[AuditEvent]:
    """Audit events of one organisation, newest first, filtered for the log review.

    `person` is a reference `"<model label>:<id>"` as stored in person_type/person_id.
    `unusual` keeps the reads outside the actor's own units or of protected identities.
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
    if unusual:
        own_unit = get_user_model().units.through.objects.filter(
            user_id=OuterRef("actor_id"), unit_id=OuterRef("unit_id")
        )
        events = events.filter(event_type__in=READ_EVENTS).filter(
            Q(protected_identity=True) | (Q(unit__isnull=False) & ~Exists(own_unit))
        )
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
        if value not in (None, "", [], False) and not hasattr(value, "pk")
    } | ({"actor": str(filters["actor"].public_id)} if filters.get("actor") else {})


# --- Unusual access (loggkontroll) ---------------------------------------------------------


@dataclass(frozen=True)
class EventFlags:
    """Why a read stands out in the log review; each flag is shown as text."""

    outside_unit: bool = False
    protected_identity: bool = False
    burst: bool = False

    @property
    def any(self) -> bool:
        return self.outside_unit or self.protected_identity or self.burst


@dataclass
class ReadSummary:
    """One staff member's reads in a period."""

    actor: Any
    reads: int = 0
    outside_unit: int = 0
    protected_identity: int = 0
    in_bursts: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None

    @property
    def unusual(self) -> bool:
        return bool(self.outside_unit or self.protected_identity or self.in_bursts)


def burst_members(times: Sequence[datetime], *, window: timedelta, threshold: int) -> set[int]:
    """Indices of the ascending `times` that fall in some span of at most `window` holding at
    least `threshold` of them (a burst: many reads in a short time)."""
    members: set[int] = set()
    left = 0
    for right, moment in enumerate(times):
        while moment - times[left] > window:
            left += 1
        if right - left + 1 >= threshold:
            members.update(range(left, right + 1))
    return members


def _burst_settings() -> tuple[timedelta, int]:
    return settings.AUDIT_BURST_WINDOW, settings.AUDIT_BURST_READS


def _actor_units(actor_ids: set[int]) -> dict[int, set[int]]:
    through = get_user_model().units.through
    units: dict[int, set[int]] = {actor_id: set() for actor_id in actor_ids}
    for user_id, unit_id in through.objects.filter(user_id__in=actor_ids).values_list(
        "user_id", "unit_id"
    ):
        units[user_id].add(unit_id)
    return units


def _is_outside(unit_id: int | None, actor_units: set[int]) -> bool:
    return unit_id is not None and unit_id not in actor_units


def audit_event_flags(events: Sequence[AuditEvent]) -> dict[int, EventFlags]:
    """Flags for the read events among `events` (one page of the log review): read outside
    the actor's own units, read of a protected identity, part of a burst."""
    reads = [e for e in events if e.event_type in READ_EVENTS and e.actor_id]
    if not reads:
        return {}
    window, threshold = _burst_settings()
    actor_ids = {e.actor_id for e in reads if e.actor_id is not None}
    units = _actor_units(actor_ids)
    start = min(e.occurred_at for e in reads) - window
    end = max(e.occurred_at for e in reads) + window
    nearby = (
        AuditEvent.objects.filter(
            actor_id__in=actor_ids,
            event_type__in=READ_EVENTS,
            occurred_at__gte=start,
            occurred_at__lte=end,
        )
        .order_by("actor_id", "occurred_at", "id")
        .values_list("id", "actor_id", "occurred_at")
    )
    in_burst: set[int] = set()
    for _actor_id, rows in groupby(nearby, key=lambda row: row[1]):
        rows_list = list(rows)
        members = burst_members([row[2] for row in rows_list], window=window, threshold=threshold)
        in_burst.update(rows_list[index][0] for index in members)
    return {
        e.pk: EventFlags(
            outside_unit=_is_outside(e.unit_id, units[e.actor_id or 0]),
            protected_identity=e.protected_identity,
            burst=e.pk in in_burst,
        )
        for e in reads
    }


def audit_read_summary(
    *, organisation_id: int | None, date_from: date, date_to: date
) -> list[ReadSummary]:
    """Per staff member: reads of personal data in the period, how many were outside their
    own units, of protected identities, or part of a burst. Most reads first."""
    if organisation_id is None:
        return []
    window, threshold = _burst_settings()
    tz = timezone.get_current_timezone()
    rows = (
        AuditEvent.objects.filter(
            organisation_id=organisation_id,
            event_type__in=READ_EVENTS,
            actor__kind="staff",
            occurred_at__gte=datetime.combine(date_from, time.min, tz),
            occurred_at__lte=datetime.combine(date_to, time.max, tz),
        )
        .order_by("actor_id", "occurred_at", "id")
        .values_list("actor_id", "occurred_at", "unit_id", "protected_identity")
    )
    by_actor: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_actor.setdefault(row[0], []).append(row)
    units = _actor_units(set(by_actor))
    actors = get_user_model().objects.in_bulk(list(by_actor))
    summaries = []
    for actor_id, actor_rows in by_actor.items():
        times = [row[1] for row in actor_rows]
        summaries.append(
            ReadSummary(
                actor=actors[actor_id],
                reads=len(actor_rows),
                outside_unit=sum(_is_outside(row[2], units[actor_id]) for row in actor_rows),
                protected_identity=sum(bool(row[3]) for row in actor_rows),
                in_bursts=len(burst_members(times, window=window, threshold=threshold)),
                first_at=times[0],
                last_at=times[-1],
            )
        )
    return sorted(summaries, key=lambda s: (-s.reads, str(s.actor)))
