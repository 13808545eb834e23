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

from .constants import (
    ApplicantStage,
    CheckOutcome,
    Commitment,
    DecisionOutcome,
    Frequency,
    MeetingKind,
    RegisterCheckKind,
)


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
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_applicants",
        verbose_name=_("ansvarig kontaktsekreterare"),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applicants",
        verbose_name=_("enhet"),
    )
    contacted_at = models.DateTimeField(_("första kontakt"), null=True, blank=True)
    investigation_started_at = models.DateTimeField(_("utredning påbörjad"), null=True, blank=True)
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
                fields=["organisation", "assigned_officer", "stage"],
                name="applicant_org_officer_idx",
            ),
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


# --- Recruitment: the investigation (utredning) of an applicant ---------------------------


class RecruitmentSettings(models.Model):
    """Service levels of one organisation's recruitment; the numbers are configuration."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="recruitment_settings"
    )
    callback_days = models.PositiveSmallIntegerField(
        _("dagar till återkoppling"),
        default=14,
        help_text=_("Sökande ska ha kontaktats inom så här många dagar från anmälan."),
    )
    investigation_warning_days = models.PositiveSmallIntegerField(
        _("dagar innan utredningen flaggas som gammal"), default=90
    )

    class Meta:
        verbose_name = _("inställningar för rekrytering")
        verbose_name_plural = _("inställningar för rekrytering")

    def __str__(self) -> str:
        return f"RecruitmentSettings {self.organisation_id}"


class HouseholdMember(models.Model):
    """Someone living with an applicant for kontaktfamilj or stödfamilj. Adults are checked."""

    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="household_members"
    )
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("födelseår"))
    relation = models.CharField(_("relation"), max_length=60)

    class Meta:
        verbose_name = _("person i hushållet")
        verbose_name_plural = _("personer i hushållet")
        ordering = ["birth_year", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} ({self.relation})"


class RegisterCheck(models.Model):
    """That a register was checked, when, and what it showed. Never the extract itself
    (lag 2013:852 5 §): only its kind, its date and the assessed outcome."""

    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="register_checks"
    )
    household_member = models.ForeignKey(
        HouseholdMember,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_checks",
        verbose_name=_("gäller person i hushållet"),
    )
    kind = models.CharField(_("register"), max_length=40, choices=RegisterCheckKind)
    requested_on = models.DateField(_("begärd"))
    answered_on = models.DateField(_("svar"), null=True, blank=True)
    extract_date = models.DateField(
        _("utdragets datum"),
        null=True,
        blank=True,
        help_text=_("För utdrag som den sökande visar: datum på utdraget."),
    )
    outcome = models.CharField(
        _("resultat"), max_length=30, choices=CheckOutcome, default=CheckOutcome.PENDING
    )
    assessment = models.TextField(_("bedömning"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrerad"))

    class Meta:
        verbose_name = _("registerkontroll")
        verbose_name_plural = _("registerkontroller")
        ordering = ["kind", "-requested_on"]

    def __str__(self) -> str:
        return f"{self.kind} {self.outcome}"


class Reference(models.Model):
    """A reference the applicant named; the officer records the call."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="references")
    name = models.CharField(_("namn"), max_length=150)
    relation = models.CharField(_("relation"), max_length=150)
    phone = models.CharField(_("telefon"), max_length=40)
    contacted_on = models.DateField(_("kontaktad"), null=True, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        verbose_name = _("referens")
        verbose_name_plural = _("referenser")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class InvestigationMeeting(models.Model):
    """An investigation interview (utredningssamtal) or a home visit (hembesök)."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("typ"), max_length=20, choices=MeetingKind)
    booked_for = models.DateTimeField(_("bokad till"))
    held_on = models.DateField(_("genomförd"), null=True, blank=True)
    participants = models.CharField(_("deltagare"), max_length=300, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        verbose_name = _("utredningsmöte")
        verbose_name_plural = _("utredningsmöten")
        ordering = ["booked_for"]

    def __str__(self) -> str:
        return f"{self.kind} {self.booked_for:%Y-%m-%d}"


class EligibilityRule(models.Model):
    """What one organisation requires for one assignment type (and target group): the
    municipal rules of domain §2.5 as data. Without a row, defaults derived from the type."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    assignment_type = models.ForeignKey(
        AssignmentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("uppdragstyp")
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("målgrupp"),
    )
    minimum_age = models.PositiveSmallIntegerField(_("lägsta ålder"), default=18)
    required_checks = models.JSONField(_("krävda registerkontroller"), default=list)
    extract_max_age_days = models.PositiveSmallIntegerField(
        _("högsta ålder på utdrag (dagar)"),
        null=True,
        blank=True,
        help_text=_("365 för LSS-verksamhet med barn (lag 2010:479)."),
    )
    minimum_references = models.PositiveSmallIntegerField(_("antal referenser"), default=2)
    requires_interview = models.BooleanField(_("kräver utredningssamtal"), default=True)
    requires_home_visit = models.BooleanField(_("kräver hembesök"), default=False)
    requires_experience = models.BooleanField(_("kräver dokumenterad erfarenhet"), default=False)
    requires_training = models.BooleanField(_("kräver introduktionsutbildning"), default=False)
    assessment_questions = models.JSONField(_("bedömningsfrågor"), default=list, blank=True)

    class Meta:
        verbose_name = _("krav för uppdragstyp")
        verbose_name_plural = _("krav för uppdragstyper")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "assignment_type", "target_group"],
                name="eligibility_rule_unique",
            )
        ]

    def __str__(self) -> str:
        return f"EligibilityRule {self.assignment_type_id}/{self.target_group_id}"


class Assessment(models.Model):
    """The officer's assessment of the applicant for one assignment type (bedömning)."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="assessments")
    assignment_type = models.ForeignKey(AssignmentType, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(_("svar"), default=dict)
    experience_documented = models.BooleanField(_("erfarenhet dokumenterad"), default=False)
    summary = models.TextField(_("sammanfattande bedömning"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("ändrad"))

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "assignment_type"], name="assessment_unique_type"
            )
        ]

    def __str__(self) -> str:
        return f"Assessment {self.pk}"


class ApprovalDecision(PublicIdModel, models.Model):
    """The proposal (förslag till beslut) and the delegate's decision on an applicant.

    `approvals` lists what is approved: `[{"type": code, "group": code|None,
    "valid_until": "YYYY-MM-DD"|None}]`. A decided row is never changed.
    """

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(
        _("utfall"), max_length=20, choices=DecisionOutcome, default=DecisionOutcome.PROPOSED
    )
    approvals = models.JSONField(_("godkännanden"), default=list)
    proposal_note = models.TextField(_("motivering i förslaget"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("föreslaget"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslutat"), null=True, blank=True)
    reason = models.TextField(_("skäl"), blank=True)

    class Meta:
        verbose_name = _("beslut om godkännande")
        verbose_name_plural = _("beslut om godkännande")
        ordering = ["-proposed_at"]
        permissions = [
            ("decide_applicant", _("Får besluta om godkännande av uppdragstagare (delegation)")),
        ]

    def __str__(self) -> str:
        return f"ApprovalDecision {self.pk} {self.outcome}"
