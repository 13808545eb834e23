"""Small filters for the oversight pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from ..constants import ENTRY_KIND_LABELS

register = template.Library()


@register.filter
def entry_kind_label(entry: Any) -> str:
    return str(ENTRY_KIND_LABELS[entry.kind])


@register.filter
def days_waiting_on(entry: Any, day: date) -> int:
    return int(entry.days_waiting(day))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, key)
