"""Oversight's own rows. The register itself is derived from decisions and assignments
(`register.py`); what staff add to it lives here:

* `PartialImplementation`: a decision staff mark as partly implemented (e.g. 2 of 4 meetings a
  month), a third ground for an entry, closed by staff with a date and a reason;
* `EntryNote` (with `EntryNoteRevision`, appended on every save): the free text IVO asks for,
  per entry: the reason for the delay, the consequences for the client, interim support;
* `QuarterReport`: a quarter marked as reported by the huvudrapportör, with a snapshot of
  what was reported, so later changes never alter it;
* `ReportingWindow`: an organisation's own reporting window for a quarter (the defaults are in
  `constants.DEFAULT_REPORTING_WINDOWS`).

`UnimplementedRegister` is unmanaged and only carries the register's permissions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import PartialClosedReason


class UnimplementedRegister(models.Model):
    """The register of unimplemented decisions (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("register över ej verkställda beslut")
        verbose_name_plural = _("register över ej verkställda beslut")
        permissions = [
            (
                "view_unimplemented",
                _("Får se registret över ej verkställda beslut"),
            ),
            (
                "change_unimplemented",
                _("Får ändra uppgifter i registret över ej verkställda beslut"),
            ),
            ("view_statistics", _("Får se statistik över verksamheten")),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class PartialImplementation(PublicIdModel, TimeStampedModel):
    """A decision implemented only in part since `since` (IVO: report the part not carried
    out). Open until staff close it; at most one open per decision."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    decision = models.ForeignKey(
        "clients.Decision",
        on_delete=models.PROTECT,
        related_name="partial_implementations",
        verbose_name=_("beslut"),
    )
    since = models.DateField(_("delvis verkställt från och med"))
    not_implemented = models.CharField(
        _("det som inte verkställts"),
        max_length=300,
        help_text=_("Till exempel: 2 av 4 beviljade träffar per månad."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    closed_reason = models.CharField(
        _("anledning till avslut"), max_length=20, choices=PartialClosedReason, blank=True
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("delvis verkställt beslut")
        verbose_name_plural = _("delvis verkställda beslut")
        ordering = ["since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(closed_on__isnull=True),
                name="partial_one_open_per_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True, closed_reason="")
                | (models.Q(closed_on__gte=models.F("since")) & ~models.Q(closed_reason="")),
                name="partial_closed_with_date_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Delvis verkställt {self.since}"


class EntryNote(TimeStampedModel):
    """The free text of one register entry, as IVO asks for it. `entry_key` names the entry
    (`register.Entry.key`); every save appends an `EntryNoteRevision`."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "clients.Decision", on_delete=models.PROTECT, related_name="+", verbose_name=_("beslut")
    )
    entry_key = models.CharField(max_length=120)
    delay_reason = models.TextField(_("skäl till dröjsmålet"), blank=True)
    consequences = models.TextField(_("konsekvenser för den enskilde"), blank=True)
    interim_support = models.TextField(_("stöd i väntan på insatsen"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("uppgifter om en post")
        verbose_name_plural = _("uppgifter om poster")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "entry_key"], name="entrynote_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.entry_key


class EntryNoteRevision(models.Model):
    """One saved version of an `EntryNote`. Appended, never edited."""

    note = models.ForeignKey(EntryNote, on_delete=models.CASCADE, related_name="revisions")
    delay_reason = models.TextField(blank=True)
    consequences = models.TextField(blank=True)
    interim_support = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.note_id} {self.recorded_at:%Y-%m-%d %H:%M}"


class QuarterReport(TimeStampedModel):
    """A quarter marked as reported to IVO, with what was reported (`rows`, the IVO fields of
    each line, no names). Later changes to the data never alter a reported quarter."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(_("kvartal"))
    period_end = models.DateField(_("kvartalets sista dag"))
    reported_at = models.DateTimeField(_("rapporterat"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("huvudrapportör"),
    )
    rows = models.JSONField(_("rapporterade poster"), default=list)

    class Meta:
        verbose_name = _("kvartalsrapport")
        verbose_name_plural = _("kvartalsrapporter")
        ordering = ["-year", "-quarter"]
        permissions = [
            (
                "report_quarter",
                _("Får markera ett kvartal som rapporterat till IVO (huvudrapportör)"),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"], name="quarterreport_unique_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarterreport_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


class ReportingWindow(models.Model):
    """An organisation's reporting window for one quarter, when it differs from IVO's
    default (`constants.DEFAULT_REPORTING_WINDOWS`). Q4's window lies in the next year."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    quarter = models.PositiveSmallIntegerField(_("kvartal"))
    opens_month = models.PositiveSmallIntegerField(_("öppnar, månad"))
    opens_day = models.PositiveSmallIntegerField(_("öppnar, dag"))
    closes_month = models.PositiveSmallIntegerField(_("stänger, månad"))
    closes_day = models.PositiveSmallIntegerField(_("stänger, dag"))

    class Meta:
        verbose_name = _("rapporteringsperiod")
        verbose_name_plural = _("rapporteringsperioder")
        ordering = ["organisation", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "quarter"], name="reportingwindow_unique_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="reportingwindow_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_month__gte=1, opens_month__lte=12)
                & models.Q(closes_month__gte=1, closes_month__lte=12)
                & models.Q(opens_day__gte=1, opens_day__lte=31)
                & models.Q(closes_day__gte=1, closes_day__lte=31),
                name="reportingwindow_valid_days",
            ),
        ]

    def __str__(self) -> str:
        opens = f"{self.opens_day}/{self.opens_month}"
        return f"Q{self.quarter}: {opens}–{self.closes_day}/{self.closes_month}"
