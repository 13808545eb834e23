"""CSV exports of the log review, for the municipality's periodic review.

Cells that a spreadsheet would read as a formula are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEvent
from .selectors import EventFlags, ReadSummary

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def flag_labels(flags: EventFlags | None) -> list[str]:
    if flags is None:
        return []
    labels = []
    if flags.outside_unit:
        labels.append(_("Utanför egen enhet"))
    if flags.protected_identity:
        labels.append(_("Skyddade personuppgifter"))
    if flags.burst:
        labels.append(_("Många läsningar på kort tid"))
    return labels


def events_csv(events: Sequence[AuditEvent], flags: dict[int, EventFlags]) -> str:
    header = [
        _("Tidpunkt"),
        _("Utförd av"),
        _("Händelse"),
        _("Objekttyp"),
        _("Objekt-id"),
        _("Gäller"),
        _("Person"),
        _("Syfte"),
        _("Avvikelser"),
        _("Anrops-id"),
    ]
    rows = (
        [
            _local(e.occurred_at),
            (e.actor.email if e.actor else _("Systemet")),
            e.get_event_type_display(),
            e.subject_type,
            e.subject_id,
            e.subject_label,
            f"{e.person_type}:{e.person_id}" if e.person_id else "",
            e.purpose,
            ", ".join(flag_labels(flags.get(e.pk))),
            e.request_id,
        ]
        for e in events
    )
    return "\ufeff" + _csv(header, rows)


def summary_csv(summaries: Sequence[ReadSummary]) -> str:
    header = [
        _("Användare"),
        _("E-post"),
        _("Läsningar"),
        _("Utanför egen enhet"),
        _("Skyddade personuppgifter"),
        _("Läsningar i skurar"),
        _("Första läsning"),
        _("Senaste läsning"),
    ]
    rows = (
        [
            s.actor.get_full_name(),
            s.actor.email,
            s.reads,
            s.outside_unit,
            s.protected_identity,
            s.in_bursts,
            _local(s.first_at),
            _local(s.last_at),
        ]
        for s in summaries
    )
    return "\ufeff" + _csv(header, rows)
