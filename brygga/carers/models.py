"""Approved carers (uppdragstagare), what they are approved for, and their training.

A `Carer` is created when a delegate approves an investigation (applicants calls
`services.carer_create_from_investigation`). Register extracts are never stored: a
`CarerCheck` keeps only which register, the extract's date, when it was shown and the outcome
(lag 2013:852 5 §, domain §2.4).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import CarerStatus, CheckKind, CheckOutcome, Frequency, TrainingKind


def languages_search_text(languages: list[str]) -> str:
    """The languages as one lower-case string, for a case-insensitive search on any database."""
    return "|" + "|".join(lang.strip().lower() for lang in languages if lang.strip()) + "|"


class Carer(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="carers",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="carer_records",
        verbose_name=_("konto för Mina sidor"),
    )
    personal_identity_number = models.CharField(_("personnummer"), max_length=12)
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    birth_date = models.DateField(_("födelsedatum"))
    street_address = models.CharField(_("gatuadress"), max_length=200)
    postal_code = models.CharField(_("postnummer"), max_length=6)
    city = models.CharField(_("ort"), max_length=100)
    phone = models.CharField(_("telefon"), max_length=40)
    email = models.EmailField(_("e-post"))
    languages = models.JSONField(_("språk"), default=list, blank=True)
    languages_search = models.CharField(max_length=500, blank=True, editable=False)
    has_driving_licence = models.BooleanField(_("har körkort"), default=False)
    has_car = models.BooleanField(_("har bil"), default=False)
    interests = models.TextField(_("intressen"), blank=True)
    preferred_client_age_min = models.PositiveSmallIntegerField(
        _("önskad ålder från"), null=True, blank=True
    )
    preferred_client_age_max = models.PositiveSmallIntegerField(
        _("önskad ålder till"), null=True, blank=True
    )
    max_concurrent_assignments = models.PositiveSmallIntegerField(
        _("högst antal uppdrag samtidigt"), default=1
    )
    availability = models.JSONField(_("tillgänglighet"), default=list, blank=True)
    frequency = models.CharField(_("hur ofta"), max_length=20, choices=Frequency, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CarerStatus, default=CarerStatus.AVAILABLE
    )
    status_reason = models.CharField(_("anledning"), max_length=300, blank=True)
    status_changed_at = models.DateTimeField(_("status ändrad"))
    approved_at = models.DateTimeField(_("godkänd"))
    source_applicant_ref = models.UUIDField(_("från rekryteringsärende"), null=True, blank=True)

    class Meta:
        verbose_name = _("uppdragstagare")
        verbose_name_plural = _("uppdragstagare")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="carer_org_status_idx"),
            models.Index(fields=["postal_code"], name="carer_postal_code_idx"),
            models.Index(fields=["organisation", "city"], name="carer_org_city_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "personal_identity_number"], name="carer_unique_person"
            ),
            models.CheckConstraint(
                condition=models.Q(max_concurrent_assignments__gte=1),
                name="carer_capacity_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.languages_search = languages_search_text(list(self.languages or []))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "languages" in update_fields:
            kwargs["update_fields"] = {*update_fields, "languages_search"}
        super().save(*args, **kwargs)


class CarerApproval(PublicIdModel, models.Model):
    """The delegate's decision that the carer may take assignments of one type."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="approvals")
    assignment_type = models.ForeignKey(
        AssignmentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("uppdragstyp")
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("målgrupp"),
    )
    approved_on = models.DateField(_("beslutsdatum"))
    valid_until = models.DateField(_("gäller till och med"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av"),
    )
    decision_reference = models.CharField(_("beslutsreferens"), max_length=100, blank=True)
    revoked_at = models.DateTimeField(_("återkallat"), null=True, blank=True)
    revoked_reason = models.CharField(_("anledning till återkallelse"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("godkännande")
        verbose_name_plural = _("godkännanden")
        ordering = ["assignment_type__order", "approved_on"]
        indexes = [models.Index(fields=["valid_until"], name="carerapproval_valid_until_idx")]

    def __str__(self) -> str:
        return f"{self.assignment_type} ({self.approved_on})"


class CarerCheck(models.Model):
    """That a register extract was shown, its date and the outcome; never the extract itself."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(_("register"), max_length=40, choices=CheckKind)
    extract_date = models.DateField(_("utdragets datum"))
    checked_on = models.DateField(_("kontrollerat"))
    outcome = models.CharField(_("resultat"), max_length=20, choices=CheckOutcome)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("registrerad"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("registerkontroll")
        verbose_name_plural = _("registerkontroller")
        ordering = ["kind", "-extract_date"]
        indexes = [
            models.Index(fields=["kind", "extract_date"], name="carercheck_kind_date_idx"),
            # "Is there a newer extract of this register?" for the expiring list.
            models.Index(
                fields=["carer", "kind", "extract_date", "id"],
                name="carercheck_carer_kind_date_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.extract_date}"


class CarerStatusChange(models.Model):
    """Appended on every change of status; never edited."""

    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CarerStatus, blank=True)
    to_status = models.CharField(max_length=20, choices=CarerStatus)
    changed_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class TrainingSession(PublicIdModel, TimeStampedModel):
    """An introduction or further training for applicants and carers."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="training_sessions"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(_("typ av utbildning"), max_length=20, choices=TrainingKind)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    location = models.CharField(_("plats"), max_length=200, blank=True)
    link_url = models.URLField(_("länk till digitalt möte"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("antal platser"))
    assignment_types = models.ManyToManyField(
        AssignmentType, blank=True, related_name="+", verbose_name=_("för uppdragstyper")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    published = models.BooleanField(_("visas på Mina sidor"), default=False)

    class Meta:
        verbose_name = _("utbildningstillfälle")
        verbose_name_plural = _("utbildningstillfällen")
        ordering = ["starts_at"]
        permissions = [("manage_training", _("Får hantera utbildningar och närvaro"))]
        indexes = [
            models.Index(
                fields=["organisation", "published", "starts_at"], name="training_org_pub_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="training_capacity_at_least_one"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingSignup(models.Model):
    """A person's place on a session. Cancelling keeps the row; signing up again reuses it."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_signups"
    )
    signed_up_at = models.DateTimeField(_("anmäld"))
    cancelled_at = models.DateTimeField(_("avbokad"), null=True, blank=True)
    attended = models.BooleanField(_("närvarade"), null=True, blank=True)

    class Meta:
        verbose_name = _("anmälan till utbildning")
        verbose_name_plural = _("anmälningar till utbildning")
        ordering = ["signed_up_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="trainingsignup_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.session_id}"

    @property
    def active(self) -> bool:
        return self.cancelled_at is None
