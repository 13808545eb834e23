"""Carers' reports, their approval, payment runs and payment lines (domain §3.6, §4.8, §4.9).

A report is the carer's account of one period under a contract. Approval stores the computed
lines (rate, amount, rule) on the report; a payment run copies them into payment lines and marks
the report paid. A run is locked when exported: a correction is an adjustment line in a later
run, never an edit. A report is paid at most once: the database refuses a second ordinary
(non-adjustment) payment line of the same kind for it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import LineKind, ReportStatus, RunStatus


class PaymentSettings(models.Model):
    """Per-organisation payment rules and the payroll system's salary codes (lönearter)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="payment_settings"
    )
    late_limit_months = models.PositiveSmallIntegerField(
        _("sena redovisningar betalas för högst så många månader bakåt"), default=3
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("påminnelse så många dagar före sista dag"), default=5
    )
    salary_code_fee = models.CharField(_("löneart arvode"), max_length=20, default="1100")
    salary_code_expense_allowance = models.CharField(
        _("löneart omkostnadsersättning"), max_length=20, default="7100"
    )
    salary_code_travel = models.CharField(
        _("löneart reseersättning"), max_length=20, default="7200"
    )
    salary_code_outlay = models.CharField(_("löneart utlägg"), max_length=20, default="7300")

    class Meta:
        verbose_name = _("inställningar för utbetalning")
        verbose_name_plural = _("inställningar för utbetalning")

    def __str__(self) -> str:
        return f"PaymentSettings {self.organisation_id}"

    def salary_code(self, kind: str) -> str:
        return str(getattr(self, f"salary_code_{kind}"))


class Report(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="carer_reports"
    )
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, related_name="reports"
    )
    contract_version = models.ForeignKey(
        "contracts.ContractVersion", on_delete=models.PROTECT, related_name="reports"
    )
    carer = models.ForeignKey("carers.Carer", on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus, default=ReportStatus.DRAFT
    )
    meetings = models.JSONField(_("träffar"), default=list, blank=True)
    stays = models.JSONField(_("vistelser"), default=list, blank=True)
    kilometres = models.DecimalField(
        _("kilometer med egen bil"), max_digits=8, decimal_places=1, default=Decimal("0")
    )
    note = models.TextField(_("övrigt"), blank=True)
    submitted_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_comment = models.TextField(_("kommentar från handläggaren"), blank=True)
    fee = models.DecimalField(_("arvode"), max_digits=12, decimal_places=2, null=True)
    expense_allowance = models.DecimalField(
        _("omkostnadsersättning"), max_digits=12, decimal_places=2, null=True
    )
    travel = models.DecimalField(_("reseersättning"), max_digits=12, decimal_places=2, null=True)
    outlays = models.DecimalField(_("utlägg"), max_digits=12, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("redovisning")
        verbose_name_plural = _("redovisningar")
        ordering = ["-period_start", "-id"]
        permissions = [("approve_report", _("Kan godkänna och returnera redovisningar"))]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "period_start"], name="report_one_per_contract_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_end_after_start",
            ),
            models.CheckConstraint(condition=Q(kilometres__gte=0), name="report_km_not_negative"),
        ]
        indexes = [
            # The approval queue (status, oldest sent first) and the payment run (approved).
            models.Index(
                fields=["organisation", "status", "submitted_at"], name="report_org_status_sent_idx"
            ),
            # "Senast behandlade": the latest decided, without sorting a year of reports.
            models.Index(
                fields=["organisation", "-decided_at", "-id"], name="report_org_decided_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} {self.period_start}"

    @property
    def total(self) -> Decimal:
        parts = (self.fee, self.expense_allowance, self.travel, self.outlays)
        return sum((p for p in parts if p is not None), Decimal("0"))


class Expense(models.Model):
    """An outlay with its receipt (kvitto), stored outside the web root."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="expenses")
    spent_on = models.DateField(_("datum"))
    description = models.CharField(_("vad"), max_length=200)
    amount = models.DecimalField(_("belopp"), max_digits=10, decimal_places=2)
    stored_name = models.CharField(max_length=300, editable=False)
    receipt_name = models.CharField(max_length=120)
    receipt_content_type = models.CharField(max_length=50)

    class Meta:
        verbose_name = _("utlägg")
        verbose_name_plural = _("utlägg")
        ordering = ["spent_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expense_positive")]

    def __str__(self) -> str:
        return f"Expense {self.pk}"


class ReportLine(models.Model):
    """A computed line stored at approval: what was paid for, at what rate, under which rule."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("slag"), max_length=20, choices=LineKind)
    quantity = models.DecimalField(_("antal"), max_digits=10, decimal_places=2)
    rate = models.DecimalField(_("à-pris"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("belopp"), max_digits=12, decimal_places=2)
    rule = models.CharField(_("regel"), max_length=300)
    date = models.DateField(_("datum"), null=True, blank=True)
    month = models.CharField(_("månad"), max_length=7, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class PaymentRun(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="payment_runs"
    )
    month = models.DateField(_("utbetalningsmånad"))
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus, default=RunStatus.BUILDING
    )
    reports_total = models.PositiveIntegerField(_("redovisningar att behandla"), default=0)
    reports_done = models.PositiveIntegerField(_("behandlade redovisningar"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    exported_at = models.DateTimeField(_("exporterad"), null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("utbetalningskörning")
        verbose_name_plural = _("utbetalningskörningar")
        ordering = ["-month", "-created_at"]
        permissions = [("export_paymentrun", _("Kan exportera och låsa utbetalningskörningar"))]

    def __str__(self) -> str:
        return f"PaymentRun {self.month:%Y-%m}"

    @property
    def locked(self) -> bool:
        return self.status == RunStatus.EXPORTED

    @property
    def progress_percent(self) -> int:
        if not self.reports_total:
            return 100 if self.status != RunStatus.BUILDING else 0
        return int(self.reports_done * 100 / self.reports_total)


class PaymentLine(models.Model):
    """One payment to a carer: a report's fee, allowance, travel or outlays, or an adjustment.

    An adjustment without a run waits for the next run; a run's lines never change once the
    run is exported.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="payment_lines"
    )
    run = models.ForeignKey(
        PaymentRun, on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    carer = models.ForeignKey("carers.Carer", on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="payment_lines"
    )
    kind = models.CharField(_("slag"), max_length=20, choices=LineKind)
    quantity = models.DecimalField(_("antal"), max_digits=10, decimal_places=2)
    rate = models.DecimalField(_("à-pris"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("belopp"), max_digits=12, decimal_places=2)
    rule = models.CharField(_("regel"), max_length=300)
    taxable = models.BooleanField(_("skattepliktig"))
    employer_contributions = models.DecimalField(
        _("arbetsgivaravgifter"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    is_adjustment = models.BooleanField(_("rättelse"), default=False)
    adjusts = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="adjustments"
    )
    reason = models.CharField(_("skäl"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("utbetalningsrad")
        verbose_name_plural = _("utbetalningsrader")
        ordering = ["carer_id", "id"]
        constraints = [
            # A report is paid once: one ordinary line per kind, ever.
            models.UniqueConstraint(
                fields=["report", "kind"],
                condition=Q(is_adjustment=False),
                name="payment_line_report_paid_once",
            ),
            models.CheckConstraint(
                condition=Q(is_adjustment=True) | Q(report__isnull=False),
                name="payment_line_ordinary_has_report",
            ),
            models.CheckConstraint(
                condition=Q(is_adjustment=False) | ~Q(reason=""),
                name="payment_line_adjustment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"PaymentLine {self.kind} {self.amount}"


class ReportReminder(models.Model):
    """A reminder sent for a contract's period, so each is sent once."""

    contract = models.ForeignKey("contracts.Contract", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "period_start"], name="report_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder {self.contract_id} {self.period_start}"
