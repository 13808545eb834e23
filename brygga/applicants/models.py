"""Applicants (sökande) and their interest registrations (intresseanmälningar).

An `InterestRegistration` is one submitted form, kept as submitted. An `Applicant` is the
person's recruitment case; a second registration from the same personnummer while a case
is open is linked to that case instead of opening another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import ApplicantStage, Commitment, Frequency


class Applicant(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="applicants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applicant_cases",
        verbose_name=_("konto för Mina sidor"),
    )
    personal_identity_number = models.CharField(_("personnummer"), max_length=12)
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    street_address = models.CharField(_("gatuadress"), max_length=200)
    postal_code = models.CharField(_("postnummer"), max_length=6)
    city = models.CharField(_("ort"), max_length=100)
    phone = models.CharField(_("telefon"), max_length=40)
    email = models.EmailField(_("e-post"))
    assignment_types = models.ManyToManyField(
        AssignmentType, related_name="+", verbose_name=_("uppdragstyper")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="+", blank=True, verbose_name=_("målgrupper")
    )
    availability = models.JSONField(_("tillgänglighet"), default=list, blank=True)
    frequency = models.CharField(_("hur ofta"), max_length=20, choices=Frequency, blank=True)
    commitment = models.CharField(_("hur länge"), max_length=20, choices=Commitment, blank=True)
    stage = models.CharField(
        _("steg"), max_length=20, choices=ApplicantStage, default=ApplicantStage.RECEIVED
    )
    stage_changed_at = models.DateTimeField(_("steget ändrat"))
    withdrawn_reason = models.CharField(
        _("anledning till återkallelse"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("sökande")
        verbose_name_plural = _("sökande")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "stage"], name="applicant_org_stage_idx"),
            models.Index(
                fields=["organisation", "personal_identity_number"], name="applicant_org_pnr_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class InterestRegistration(PublicIdModel, models.Model):
    """One submitted interest form, exactly as sent (with the answers in `answers`)."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="registrations")
    reference = models.CharField(_("referensnummer"), max_length=20, unique=True)
    submitted_at = models.DateTimeField(_("inskickad"))
    open_assignment_ref = models.UUIDField(_("gäller publicerat uppdrag"), null=True, blank=True)
    answers = models.JSONField(_("svar"), default=dict)
    consents = models.JSONField(_("medgivanden till registerkontroller"), default=list)
    privacy_notice_acknowledged = models.BooleanField(_("har tagit del av informationen"))

    class Meta:
        verbose_name = _("intresseanmälan")
        verbose_name_plural = _("intresseanmälningar")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference


class ApplicantStageChange(models.Model):
    """Appended on every change of stage; never edited (the applicant's timeline)."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=20, choices=ApplicantStage, blank=True)
    to_stage = models.CharField(max_length=20, choices=ApplicantStage)
    changed_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    CERTIFICATE = "certificate", _("Intyg eller betyg")
    OTHER = "other", _("Annat")


class ApplicantDocument(PublicIdModel, models.Model):
    """A file the applicant uploaded. Stored outside the web root; served only after a
    permission check (ADR 0013)."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("typ av dokument"), max_length=20, choices=DocumentKind)
    original_name = models.CharField(_("filnamn"), max_length=150)
    stored_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(_("storlek"))
    uploaded_at = models.DateTimeField(_("uppladdad"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class DeletionRequest(models.Model):
    """The applicant asked for their data to be deleted (GDPR art. 17). Staff assess it:
    data in a social-services file may have to be kept (docs/retention, issue 8)."""

    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="deletion_requests"
    )
    requested_at = models.DateTimeField(_("begärd"))
    message = models.CharField(_("meddelande"), max_length=500, blank=True)
    handled_at = models.DateTimeField(_("hanterad"), null=True, blank=True)

    class Meta:
        verbose_name = _("begäran om radering")
        verbose_name_plural = _("begäran om radering")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"DeletionRequest {self.pk}"
