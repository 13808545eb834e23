"""Writes: a municipality's own rates (overrides from a date) and its compensation settings.

National rows (no organisation) are corrected in the technical administration only; staff pages
add and change rows of their own organisation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record

from .models import CompensationSettings, Rate

# Fields a form may set on an override.
RATE_FIELDS = frozenset(
    {
        "assignment_type",
        "law",
        "component",
        "band",
        "level",
        "basis",
        "value",
        "range_min",
        "range_max",
        "rounding",
        "valid_from",
        "valid_to",
        "status",
        "source",
    }
)
SETTINGS_FIELDS = frozenset(
    {"double_half_arrival_day", "eves_are_holidays", "friday_arrival_fraction"}
)


def _primitive(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return getattr(value, "code", None) or value.pk
    return value


def _check_rate(rate: Rate) -> None:
    rate.full_clean(exclude=["organisation"])
    clash = (
        Rate.objects.filter(
            organisation=rate.organisation,
            assignment_type=rate.assignment_type,
            law=rate.law,
            component=rate.component,
            band=rate.band,
            level=rate.level,
            valid_from=rate.valid_from,
        )
        .exclude(pk=rate.pk)
        .exists()
    )
    if clash:
        raise ValidationError(
            {"valid_from": _("Det finns redan ett eget värde för det här valet från samma datum.")}
        )


@transaction.atomic
def rate_override_create(*, organisation: Any, actor: Any, **data: Any) -> Rate:
    unknown = set(data) - RATE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    rate = Rate(organisation=organisation, **data)
    _check_rate(rate)
    rate.save()
    audit_record(
        actor=actor,
        event=AuditEventType.RATE_OVERRIDE_CREATED,
        subject=rate,
        organisation=organisation,
        changes={name: _primitive(getattr(rate, name)) for name in sorted(RATE_FIELDS)},
    )
    return rate


@transaction.atomic
def rate_override_update(*, rate: Rate, actor: Any, **data: Any) -> Rate:
    unknown = set(data) - RATE_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    locked = Rate.objects.select_for_update().get(pk=rate.pk)
    if locked.organisation_id is None:
        raise ValidationError(_("Den nationella rekommendationen ändras bara i administrationen."))
    changed = {}
    for name, value in data.items():
        if getattr(locked, name) != value:
            changed[name] = [_primitive(getattr(locked, name)), _primitive(value)]
            setattr(locked, name, value)
    _check_rate(locked)
    locked.save()
    if changed:
        audit_record(
            actor=actor,
            event=AuditEventType.RATE_OVERRIDE_CHANGED,
            subject=locked,
            organisation=locked.organisation,
            changes=changed,
        )
    return locked


@transaction.atomic
def compensation_settings_save(
    *, organisation: Any, actor: Any, **data: Any
) -> CompensationSettings:
    unknown = set(data) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    row, _created = CompensationSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    changed = {}
    for name, value in data.items():
        if getattr(row, name) != value:
            changed[name] = [_primitive(getattr(row, name)), _primitive(value)]
            setattr(row, name, value)
    row.full_clean(exclude=["organisation"])
    row.save()
    if changed:
        audit_record(
            actor=actor,
            event=AuditEventType.COMPENSATION_SETTINGS_CHANGED,
            subject=row,
            organisation=organisation,
            changes=changed,
        )
    return row
