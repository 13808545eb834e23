"""Price base amounts, rates and employer contribution rates as dated data (domain §4, ADR 0020).

Every figure carries its status (published, derived, estimated) and its source, so staff can see
what to correct from the current SKR circular. A municipality overrides a national row by adding
a row of its own from a date; the quote prefers it from its valid_from (see `quoting.py`).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import Band, Basis, Component, Level, RateLaw, Rounding, SourceStatus


class PriceBaseAmount(TimeStampedModel):
    """Prisbasbelopp for a calendar year, set by the government each autumn."""

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    amount = models.DecimalField(_("belopp (kr)"), max_digits=10, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=1, choices=SourceStatus, default=SourceStatus.PUBLISHED
    )
    source = models.CharField(_("källa"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("prisbasbelopp")
        verbose_name_plural = _("prisbasbelopp")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="pbb_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount} kr"


class Rate(PublicIdModel, TimeStampedModel):
    """One rate: for a type, law, component, age band and level, valid over a period.

    Rows without an organisation are the national recommendation (SKR) or, where there is none,
    a labelled placeholder; rows with an organisation are that municipality's overrides.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensation_rates",
        verbose_name=_("kommunens eget värde för"),
        help_text=_("Tomt för den nationella rekommendationen."),
    )
    assignment_type = models.ForeignKey(
        "catalogue.AssignmentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppdragstyp"),
        help_text=_("Tomt för alla uppdragstyper (till exempel milersättning)."),
    )
    law = models.CharField(_("lag"), max_length=3, choices=RateLaw, blank=True)
    component = models.CharField(_("del"), max_length=20, choices=Component)
    band = models.CharField(_("åldersgrupp"), max_length=6, choices=Band, blank=True)
    level = models.CharField(_("nivå"), max_length=20, choices=Level, blank=True)
    basis = models.CharField(_("beräkningsgrund"), max_length=20, choices=Basis)
    value = models.DecimalField(
        _("värde"),
        max_digits=10,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Procent av prisbasbeloppet eller kronor, enligt beräkningsgrunden."),
    )
    range_min = models.DecimalField(
        _("lägsta överenskomna värde"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    range_max = models.DecimalField(
        _("högsta överenskomna värde"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    rounding = models.CharField(
        _("avrundning"), max_length=20, choices=Rounding, default=Rounding.KRONA_HALF_UP
    )
    valid_from = models.DateField(_("gäller från och med"))
    valid_to = models.DateField(_("gäller till och med"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=1, choices=SourceStatus)
    source = models.CharField(_("källa och anmärkning"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("ersättningsnivå")
        verbose_name_plural = _("ersättningsnivåer")
        ordering = ["-valid_from", "assignment_type__order", "law", "component", "band", "level"]
        indexes = [
            models.Index(fields=["component", "valid_from"], name="rate_component_from_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="rate_period_in_order",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(range_min__isnull=True) | models.Q(range_min__lte=models.F("value"))
                )
                & (models.Q(range_max__isnull=True) | models.Q(range_max__gte=models.F("value"))),
                name="rate_value_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="rate_value_not_negative"
            ),
        ]

    def __str__(self) -> str:
        parts = [
            str(self.assignment_type or _("alla uppdragstyper")),
            self.get_law_display(),
            self.get_component_display(),
            self.get_band_display() if self.band else "",
            self.get_level_display() if self.level else "",
            str(self.valid_from),
        ]
        return " · ".join(str(part) for part in parts if part)

    @property
    def is_override(self) -> bool:
        return self.organisation_id is not None

    def clean(self) -> None:
        super().clean()
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Slutdatumet kan inte vara före startdatumet.")})
        if self.range_min is not None and self.value is not None and self.value < self.range_min:
            raise ValidationError({"value": _("Värdet ligger under det lägsta värdet.")})
        if self.range_max is not None and self.value is not None and self.value > self.range_max:
            raise ValidationError({"value": _("Värdet ligger över det högsta värdet.")})


class CompensationSettings(TimeStampedModel):
    """The open questions of domain §4.4, answered per organisation."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="compensation_settings",
        verbose_name=_("organisation"),
    )
    double_half_arrival_day = models.BooleanField(
        _("dubbelt arvode även för halv ankomstdag"),
        default=False,
        help_text=_("Om en fredag som räknas som halvt dygn också är helgdag."),
    )
    eves_are_holidays = models.BooleanField(
        _("aftnar räknas som helgdagar"),
        default=False,
        help_text=_("Julafton, nyårsafton och midsommarafton ger dubbelt arvode."),
    )
    friday_arrival_fraction = models.DecimalField(
        _("andel av dygn för ankomst på fredag"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )

    class Meta:
        verbose_name = _("inställningar för ersättning")
        verbose_name_plural = _("inställningar för ersättning")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(friday_arrival_fraction__gte=0)
                & models.Q(friday_arrival_fraction__lte=1),
                name="comp_settings_fraction_0_1",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class EmployerContributionRate(TimeStampedModel):
    """Arbetsgivaravgifter by the carer's birth year, valid over a period."""

    valid_from = models.DateField(_("gäller från och med"))
    valid_to = models.DateField(_("gäller till och med"), null=True, blank=True)
    born_from_year = models.PositiveSmallIntegerField(
        _("född från och med år"), null=True, blank=True
    )
    born_to_year = models.PositiveSmallIntegerField(
        _("född till och med år"), null=True, blank=True
    )
    percent = models.DecimalField(_("procent"), max_digits=5, decimal_places=2)
    threshold = models.DecimalField(
        _("gräns per utbetalare och år (kr)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1000"),
        help_text=_("Inga avgifter under gränsen; när den nås, från första kronan."),
    )
    status = models.CharField(_("status"), max_length=1, choices=SourceStatus)
    source = models.CharField(_("källa och anmärkning"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("arbetsgivaravgift")
        verbose_name_plural = _("arbetsgivaravgifter")
        ordering = ["-valid_from", "-born_from_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="employer_contribution_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0) & models.Q(percent__lte=100),
                name="employer_contribution_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        low = self.born_from_year or "…"
        high = self.born_to_year or "…"
        return f"{self.percent} % (född {low}–{high}, från {self.valid_from})"
