"""Demo step: the default retention rules for the demo municipality."""

from __future__ import annotations

from brygga.accounts.models import Organisation

from .services import ensure_default_rules


def create_demo_rules(organisation: Organisation) -> None:
    ensure_default_rules(organisation)
