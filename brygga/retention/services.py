"""Retention runs: the dry run and the run share one sweep (ADR 0029).

The dry run is the real sweep inside a transaction that is rolled back, so it lists exactly
what the run would remove, including records kept because kept records refer to them.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from brygga.accounts.models import Organisation
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record, audit_scrub_personal_data
from brygga.core.uploads import private_storage

from .constants import KeptReason, RunTrigger
from .models import DeletionLedgerEntry, RetentionRule, RetentionRun
from .periods import is_due, is_research_birthday, retained_until
from .targets import TARGETS, RetentionTarget

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedRecord:
    """A record past its period, for the reviewer: internal id and dates, no personal data."""

    pk: int
    last_entry: date
    retained_until: date
    kept: str = ""

    @property
    def kept_label(self) -> str:
        return str(KeptReason(self.kept).label) if self.kept else ""


@dataclass
class RulePlan:
    rule: RetentionRule
    target: RetentionTarget
    removed: list[PlannedRecord] = field(default_factory=list)
    kept: list[PlannedRecord] = field(default_factory=list)
    dependents: Counter[str] = field(default_factory=Counter)

    @property
    def dependent_counts(self) -> list[tuple[str, int]]:
        return sorted(self.dependents.items())


@dataclass
class Sweep:
    as_of: date
    rules: list[RulePlan] = field(default_factory=list)
    audit_events_scrubbed: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def removed(self) -> int:
        return sum(len(plan.removed) for plan in self.rules)


def ensure_default_rules(organisation: Organisation) -> list[RetentionRule]:
    """The organisation's rules, with a default for every target that has none yet."""
    existing = {rule.target for rule in RetentionRule.objects.filter(organisation=organisation)}
    for key, target in TARGETS.items():
        if key not in existing:
            RetentionRule.objects.create(
                organisation=organisation,
                target=key,
                period_months=target.default_months,
                anchor=target.default_anchor,
                keep_research_days=target.default_keep_research_days,
                legal_note=target.legal_note,
            )
    return list(RetentionRule.objects.filter(organisation=organisation))


def _ordered_rules(organisation: Organisation) -> list[tuple[RetentionRule, RetentionTarget]]:
    rules = {rule.target: rule for rule in ensure_default_rules(organisation)}
    return [
        (rules[key], target)
        for key, target in TARGETS.items()
        if key in rules and rules[key].is_active
    ]


def _sweep(
    organisation: Organisation, as_of: date, *, run: RetentionRun | None, actor: Any | None
) -> Sweep:
    """Remove every due record of the organisation. Must run inside a transaction."""
    sweep = Sweep(as_of=as_of)
    refs: set[tuple[str, str]] = set()
    now = timezone.now()
    for rule, target in _ordered_rules(organisation):
        plan = RulePlan(rule=rule, target=target)
        sweep.rules.append(plan)
        for record in list(target.closed(organisation)):
            months, anchor = rule.period_months, rule.anchor
            if not is_due(record.last_entry, months=months, anchor=anchor, as_of=as_of):
                continue
            planned = PlannedRecord(
                pk=record.pk,
                last_entry=record.last_entry,
                retained_until=retained_until(record.last_entry, months=months, anchor=anchor),
            )
            if rule.keep_research_days and is_research_birthday(record.birth_date):
                plan.kept.append(_kept(planned, KeptReason.RESEARCH))
                continue
            try:
                with transaction.atomic():
                    removal = target.remove(record.pk)
            except (ProtectedError, RestrictedError):
                plan.kept.append(_kept(planned, KeptReason.REFERENCED))
                continue
            plan.removed.append(planned)
            plan.dependents.update(removal.dependents)
            refs |= removal.audit_refs
            sweep.files += removal.files
            if run is not None:
                DeletionLedgerEntry.objects.create(
                    run=run,
                    rule=rule,
                    target=target.key,
                    model_label=target.model_label,
                    record_id=record.pk,
                    action=removal.action,
                    rule_period_months=months,
                    rule_anchor=anchor,
                    last_entry_on=record.last_entry,
                    dependents=dict(sorted(removal.dependents.items())),
                    removed_at=now,
                )
    sweep.audit_events_scrubbed = audit_scrub_personal_data(
        refs=refs, actor=actor, organisation=organisation, reason="retention"
    )
    return sweep


def _kept(planned: PlannedRecord, reason: str) -> PlannedRecord:
    return PlannedRecord(
        pk=planned.pk,
        last_entry=planned.last_entry,
        retained_until=planned.retained_until,
        kept=reason,
    )


class _DryRunRollbackError(Exception):
    """Carries the dry run's result out of the transaction it rolls back."""

    def __init__(self, sweep: Sweep) -> None:
        super().__init__("dry run")
        self.sweep = sweep


def retention_dry_run(*, organisation: Organisation, as_of: date) -> Sweep:
    """What a run on `as_of` would remove and keep. Runs the sweep and rolls it back."""
    ensure_default_rules(organisation)  # kept, unlike the sweep
    try:
        with transaction.atomic():
            raise _DryRunRollbackError(_sweep(organisation, as_of, run=None, actor=None))
    except _DryRunRollbackError as rollback:
        return rollback.sweep


def _remove_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            # Never the file name in the log: it may hold personal data.
            logger.warning("Retention could not remove a private file.")


@transaction.atomic
def retention_run(
    *, organisation: Organisation, as_of: date, actor: Any | None, trigger: str
) -> RetentionRun:
    """Remove every due record, scrub the audit log about them and write the ledger, all in
    one transaction; private files are removed after commit. Running again removes nothing
    more: what went is gone, and nothing else is due."""
    # One run at a time per organisation: the rules are the lock.
    list(RetentionRule.objects.select_for_update().filter(organisation=organisation))
    run = RetentionRun.objects.create(
        organisation=organisation,
        as_of=as_of,
        started_at=timezone.now(),
        trigger=RunTrigger(trigger),
        run_by=actor if getattr(actor, "pk", None) else None,
    )
    sweep = _sweep(organisation, as_of, run=run, actor=actor)
    run.removed = sweep.removed
    run.audit_events_scrubbed = sweep.audit_events_scrubbed
    run.files_removed = len(sweep.files)
    run.finished_at = timezone.now()
    run.save()
    audit_record(
        actor=actor,
        event=AuditEventType.RETENTION_RUN_COMPLETED,
        subject=run,
        organisation=organisation,
        changes={
            "as_of": as_of.isoformat(),
            "trigger": trigger,
            "removed": {plan.target.key: len(plan.removed) for plan in sweep.rules},
            "kept": {plan.target.key: len(plan.kept) for plan in sweep.rules},
            "audit_events_scrubbed": sweep.audit_events_scrubbed,
        },
        purpose="Gallring",
    )
    files = list(sweep.files)
    transaction.on_commit(lambda: _remove_files(files))
    return run
