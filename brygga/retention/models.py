"""Retention (gallring) as data: rules per organisation, runs, and a ledger of what went.

The ledger holds no personal data: the kind of record, its internal id, the rule and the run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.core.models import TimeStampedModel

from .constants import LedgerAction, RetentionAnchor, RunTrigger


class RetentionRule(TimeStampedModel):
    """How long one kind of record is kept after it has closed. `target` names an entry of
    the targets registry (targets.py): which records, how they are found and removed."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="retention_rules",
        verbose_name=_("organisation"),
    )
    # No `choices` on the column: apps merged later (payments) add targets without a migration.
    target = models.CharField(_("handlingar"), max_length=64)
    period_months = models.PositiveSmallIntegerField(_("bevaras i månader"))
    anchor = models.CharField(
        _("räknas från"),
        max_length=20,
        choices=RetentionAnchor,
        default=RetentionAnchor.LAST_ENTRY,
    )
    keep_research_days = models.BooleanField(
        _("behåll personer födda den 5, 15 eller 25"), default=False
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    legal_note = models.CharField(_("grund"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("gallringsregler")
        ordering = ["organisation", "target"]
        permissions = [("run_retention", _("Får provköra och genomföra gallring"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "target"], name="retention_rule_unique_target"
            ),
            models.CheckConstraint(
                condition=models.Q(period_months__gte=1), name="retention_rule_period_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.period_months})"


class RetentionRun(models.Model):
    """One run of retention for one organisation (not dry runs: those change nothing)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    as_of = models.DateField(_("gallringsdatum"))
    started_at = models.DateTimeField(_("startad"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    trigger = models.CharField(_("startad via"), max_length=20, choices=RunTrigger)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startad av"),
    )
    removed = models.PositiveIntegerField(_("gallrade"), default=0)
    audit_events_scrubbed = models.PositiveIntegerField(_("rensade logghändelser"), default=0)
    files_removed = models.PositiveIntegerField(_("borttagna filer"), default=0)

    class Meta:
        verbose_name = _("gallringskörning")
        verbose_name_plural = _("gallringskörningar")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"RetentionRun {self.pk} {self.as_of}"


class DeletionLedgerEntry(models.Model):
    """One removed record: which kind, its internal id, what was done, by which rule and run,
    and how many dependent rows went with it. Never a name, number or free text."""

    run = models.ForeignKey(
        RetentionRun, on_delete=models.PROTECT, related_name="entries", verbose_name=_("körning")
    )
    rule = models.ForeignKey(
        RetentionRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("regel")
    )
    target = models.CharField(_("handlingar"), max_length=64)
    model_label = models.CharField(_("posttyp"), max_length=100)
    record_id = models.PositiveBigIntegerField(_("internt id"))
    action = models.CharField(_("åtgärd"), max_length=20, choices=LedgerAction)
    rule_period_months = models.PositiveSmallIntegerField(_("bevaras i månader"))
    rule_anchor = models.CharField(_("räknas från"), max_length=20, choices=RetentionAnchor)
    last_entry_on = models.DateField(_("senaste anteckning"))
    dependents = models.JSONField(_("följdposter"), default=dict, blank=True)
    removed_at = models.DateTimeField(_("gallrad"))

    class Meta:
        verbose_name = _("gallrad post")
        verbose_name_plural = _("gallringsliggare")
        ordering = ["-removed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "record_id"], name="retention_ledger_once_per_record"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_label}:{self.record_id}"
