"""The contract (uppdragsavtal) of an assignment and its versions (domain §3.5).

A version is never edited once sent: a change of terms makes a new version, and the old one is
kept and readable. The compensation terms are the rates, amounts and rules the calculation gave
when the version was made (`terms`), plus the inputs that reproduce them (percentages, levels).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.constants import CompensationModel
from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import (
    DEFAULT_NOTICE_MONTHS,
    DEFAULT_REPORT_DEADLINE_DAY,
    ReportingFrequency,
    VersionStatus,
)


class Contract(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="contracts"
    )
    assignment = models.OneToOneField(
        "assignments.Assignment", on_delete=models.PROTECT, related_name="contract"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("uppdragsavtal")
        verbose_name_plural = _("uppdragsavtal")
        ordering = ["-created_at"]
        permissions = [("sign_contract", _("Kan skriva under uppdragsavtal för kommunen"))]

    def __str__(self) -> str:
        return f"Contract {self.pk}"


class ContractVersion(PublicIdModel, TimeStampedModel):
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus, default=VersionStatus.SENT
    )
    valid_from = models.DateField(_("gäller från"))
    compensation_model = models.CharField(
        _("ersättningsmodell"), max_length=20, choices=CompensationModel
    )
    assignment_type_code = models.CharField(_("insats"), max_length=40)
    law = models.CharField(_("lag"), max_length=10)
    fee_percent = models.DecimalField(
        _("arvode, procent av prisbasbeloppet per år"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    expense_percent = models.DecimalField(
        _("omkostnadsersättning, procent"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    fee_level = models.CharField(_("arvodesnivå"), max_length=20, blank=True)
    expense_level = models.CharField(_("omkostnadsnivå"), max_length=20, blank=True)
    terms = models.JSONField(_("ersättning enligt avtalet"), default=list)
    scope_quantity = models.DecimalField(_("omfattning"), max_digits=6, decimal_places=2)
    scope_unit = models.CharField(_("enhet för omfattning"), max_length=30)
    scope_text = models.CharField(_("omfattning"), max_length=200)
    reporting_frequency = models.CharField(
        _("redovisning"),
        max_length=20,
        choices=ReportingFrequency,
        default=ReportingFrequency.MONTHLY,
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        _("redovisas senast dag i månaden efter perioden"), default=DEFAULT_REPORT_DEADLINE_DAY
    )
    notice_months = models.PositiveSmallIntegerField(
        _("uppsägningstid i månader"), default=DEFAULT_NOTICE_MONTHS
    )
    insurance = models.TextField(_("försäkring"))
    change_note = models.CharField(_("vad som ändrats"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    carer_accepted_at = models.DateTimeField(_("accepterat av uppdragstagaren"), null=True)
    signed_at = models.DateTimeField(_("underskrivet för kommunen"), null=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("avtalsversion")
        verbose_name_plural = _("avtalsversioner")
        ordering = ["contract", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_version_number"),
            models.CheckConstraint(
                condition=models.Q(notice_months__gte=1), name="contract_notice_at_least_month"
            ),
            models.CheckConstraint(
                condition=models.Q(report_deadline_day__gte=1, report_deadline_day__lte=28),
                name="contract_deadline_day_in_month",
            ),
        ]

    def __str__(self) -> str:
        return f"ContractVersion {self.contract_id}/{self.number}"

    def term_rate(self, kind: str) -> Decimal | None:
        for row in self.terms:
            if row.get("kind") == kind:
                return Decimal(row["rate"])
        return None
