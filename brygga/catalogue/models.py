"""Assignment types (uppdragstyper) and target groups (målgrupper) as data (ADR 0012).

They are national concepts shared by recruitment, decisions, matching and compensation, so
they live below all of those apps. A new type is a data change, not a deployment.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import CompensationModel


class AssignmentType(models.Model):
    """A kind of assignment: kontaktperson, kontaktfamilj, stödfamilj, ledsagare, ..."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    description = models.CharField(_("kort beskrivning"), max_length=300)
    compensation_model = models.CharField(
        _("ersättningsmodell"), max_length=20, choices=CompensationModel
    )
    is_family = models.BooleanField(
        _("uppdrag för en familj"),
        default=False,
        help_text=_("Hushållets medlemmar utreds och hembesök krävs."),
    )
    requires_experience = models.BooleanField(
        _("kräver dokumenterad erfarenhet"),
        default=False,
        help_text=_("Sökande ska beskriva utbildning och erfarenhet av barn och unga."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("uppdragstyp")
        verbose_name_plural = _("uppdragstyper")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    """Who the support is for: children and young people, adults, older people, ..."""

    code = models.SlugField(_("kod"), max_length=40, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
