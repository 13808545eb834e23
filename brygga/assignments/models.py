"""Offers (erbjudanden) and assignments (uppdrag): a decision met by a carer.

History is appended (`AssignmentEvent`, `Interruption`), never edited. An assignment's start
date is the date its decision counts as implemented (verkställt), which stops the IVO clock.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import AssignmentStatus, EndReason, EventKind, OfferStatus, Party


class Offer(PublicIdModel, TimeStampedModel):
    """An assignment offered to one carer, described anonymously (the brief)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="offers"
    )
    decision = models.ForeignKey(
        "clients.Decision", on_delete=models.PROTECT, related_name="offers"
    )
    carer = models.ForeignKey("carers.Carer", on_delete=models.PROTECT, related_name="offers")
    brief = models.TextField(
        _("beskrivning till uppdragstagaren"),
        help_text=_("Bara det uppdragstagaren behöver veta: inga namn, personnummer eller adress."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OfferStatus, default=OfferStatus.PENDING
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(_("erbjudet"))
    rank_at_offer = models.PositiveIntegerField(_("placering i matchningen"), null=True)
    outside_ranking_reason = models.TextField(
        _("skäl att välja någon annan än den högst rankade"), blank=True
    )
    responded_at = models.DateTimeField(_("besvarat"), null=True, blank=True)
    response_note = models.TextField(_("svar"), blank=True)

    class Meta:
        verbose_name = _("erbjudande")
        verbose_name_plural = _("erbjudanden")
        ordering = ["-offered_at"]
        indexes = [
            models.Index(fields=["carer", "status"], name="offer_carer_status_idx"),
            models.Index(fields=["decision", "status"], name="offer_decision_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Offer {self.pk} {self.status}"


class Assignment(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="assignments"
    )
    decision = models.ForeignKey(
        "clients.Decision", on_delete=models.PROTECT, related_name="assignments"
    )
    carer = models.ForeignKey("carers.Carer", on_delete=models.PROTECT, related_name="assignments")
    offer = models.OneToOneField(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="assignment"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus, default=AssignmentStatus.PLANNED
    )
    first_meeting_on = models.DateField(_("första möte"), null=True, blank=True)
    carer_confirmed_at = models.DateTimeField(_("bekräftat av uppdragstagaren"), null=True)
    client_confirmed_at = models.DateTimeField(_("bekräftat av den enskilde"), null=True)
    started_on = models.DateField(_("startdatum"), null=True, blank=True)
    ended_on = models.DateField(_("slutdatum"), null=True, blank=True)
    end_reason = models.CharField(_("anledning"), max_length=20, choices=EndReason, blank=True)
    rematch_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rematches"
    )

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="assignment_org_status_idx"),
            models.Index(fields=["carer", "status"], name="assignment_carer_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Assignment {self.pk} {self.status}"


class Interruption(models.Model):
    """An avbrott: the assignment stopped against the decision; reportable to IVO when not
    resumed within three months (domain §3.8)."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="interruptions"
    )
    started_on = models.DateField(_("avbrott från"))
    cause = models.CharField(_("orsak"), max_length=300)
    resumed_on = models.DateField(_("återupptaget"), null=True, blank=True)

    class Meta:
        verbose_name = _("avbrott")
        verbose_name_plural = _("avbrott")
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"Interruption {self.started_on}"


class AssignmentEvent(models.Model):
    """Every step of an offer and an assignment, appended with actor and date."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="events", null=True, blank=True
    )
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind)
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    party = models.CharField(max_length=10, choices=Party, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["occurred_on", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on}"
