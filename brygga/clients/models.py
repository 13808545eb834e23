"""Clients (klienter), their guardians, legal bases (lagrum), decisions (beslut),
implementation plans (genomförandeplaner) and follow-ups (uppföljningar).

A client belongs to an organisation and a unit; staff reach a client only through
`permissions.access_client`, which scopes by both. Address and contact details of a client
with protected identity are shown only through `permissions.client_contact_for`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brygga.catalogue.constants import LawArea
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import (
    DEFAULT_FOLLOW_UP_INTERVAL_MONTHS,
    IVO_WARNING_DAYS,
    OPEN_STATUSES,
    URGENCY_RANK_ACTIVE,
    URGENCY_RANK_CLOSED,
    URGENCY_RANK_IMPLEMENTED,
    CarerGenderWish,
    Consent,
    DecisionStatus,
    FollowUpOutcome,
    IdentifierKind,
    ScopeUnit,
    Sex,
)
from .deadlines import reportable_on, waiting_days
from .identity import age_on
from .querysets import ClientQuerySet, DecisionQuerySet


class LegalBasis(models.Model):
    """A paragraph a decision rests on, with the dates it was in force (domain §0 item 10).

    Old decisions keep the old law's reference; a decision may only cite a paragraph in force
    on its decision date. Seeded by `migrations/0002_seed_legal_bases.py`; later changes are
    data, made in the technical admin.
    """

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    law_area = models.CharField(_("lagområde"), max_length=10, choices=LawArea)
    law_name = models.CharField(_("lag"), max_length=100)
    sfs_number = models.CharField(_("SFS-nummer"), max_length=20)
    chapter = models.CharField(_("kapitel"), max_length=10, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=10, blank=True)
    point = models.CharField(_("punkt"), max_length=10, blank=True)
    label = models.CharField(_("benämning"), max_length=200)
    valid_from = models.DateField(_("gäller från och med"))
    valid_to = models.DateField(_("gäller till och med"), null=True, blank=True)
    needs_verification = models.BooleanField(
        _("behöver kontrolleras"),
        default=False,
        help_text=_("Kapitel och paragraf är inte kontrollerade mot lagtexten."),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("lagrum")
        verbose_name_plural = _("lagrum")
        ordering = ["order", "valid_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="legalbasis_valid_to_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.citation} – {self.label}"

    @property
    def citation(self) -> str:
        """E.g. "SoL (2001:453) 3 kap. 6 b §", "LSS 9 § 4" or "SoL (2025:400)"."""
        parts = [f"{self.law_name} ({self.sfs_number})"]
        if self.chapter:
            parts.append(f"{self.chapter} kap.")
        if self.paragraph:
            parts.append(f"{self.paragraph} §")
        if self.point:
            parts.append(self.point)
        return " ".join(parts)

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Client(PublicIdModel, TimeStampedModel):
    """The person a decision is about (klient, den enskilde)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        "accounts.Unit", on_delete=models.PROTECT, related_name="clients", verbose_name=_("enhet")
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for_clients",
        verbose_name=_("ansvarig handläggare"),
    )
    identifier = models.CharField(_("personnummer eller reservnummer"), max_length=13)
    identifier_kind = models.CharField(_("typ av nummer"), max_length=20, choices=IdentifierKind)
    birth_date = models.DateField(_("födelsedatum"))
    sex = models.CharField(_("kön"), max_length=10, choices=Sex)
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    protected_identity = models.BooleanField(_("skyddade personuppgifter"), default=False)
    street_address = models.CharField(_("gatuadress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=6, blank=True)
    city = models.CharField(_("ort"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    area = models.CharField(_("område"), max_length=100, blank=True)
    interests = models.TextField(_("intressen"), blank=True)
    languages = models.JSONField(_("språk"), default=list, blank=True)
    carer_gender_wish = models.CharField(
        _("önskat kön på uppdragstagaren"), max_length=10, choices=CarerGenderWish, blank=True
    )
    carer_age_min = models.PositiveSmallIntegerField(
        _("önskad ålder på uppdragstagaren från"), null=True, blank=True
    )
    carer_age_max = models.PositiveSmallIntegerField(
        _("önskad ålder på uppdragstagaren till"), null=True, blank=True
    )
    matching_notes = models.TextField(_("att tänka på vid matchning"), blank=True)

    objects: ClassVar[ClientQuerySet] = ClientQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("klient")
        verbose_name_plural = _("klienter")
        ordering = ["last_name", "first_name"]
        permissions = [
            ("view_all_units", _("Får se klienter i alla enheter i organisationen")),
            (
                "view_protected_identity",
                _("Får se adress och kontaktuppgifter för klienter med skyddade personuppgifter"),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "unit"], name="client_org_unit_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "identifier"], name="client_unique_identifier"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())


class Guardian(PublicIdModel, TimeStampedModel):
    """A child client's guardian (vårdnadshavare) or other close person."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("namn"), max_length=200)
    relation = models.CharField(_("relation"), max_length=100)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    street_address = models.CharField(_("gatuadress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=6, blank=True)
    city = models.CharField(_("ort"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("vårdnadshavare")
        verbose_name_plural = _("vårdnadshavare")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


class Decision(PublicIdModel, TimeStampedModel):
    """A decision granting an insats (beslut). Its decision date starts the IVO clock."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="client_decisions",
        verbose_name=_("organisation"),
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("klient")
    )
    assignment_type = models.ForeignKey(
        AssignmentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("insats")
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("målgrupp"),
    )
    legal_basis = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("lagrum")
    )
    scope_quantity = models.DecimalField(_("omfattning"), max_digits=6, decimal_places=2)
    scope_unit = models.CharField(_("enhet för omfattning"), max_length=30, choices=ScopeUnit)
    period_from = models.DateField(_("gäller från och med"))
    period_to = models.DateField(_("gäller till och med"), null=True, blank=True)
    decision_date = models.DateField(_("beslutsdatum"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutsfattare"),
    )
    decided_by_title = models.CharField(_("beslutsfattarens titel"), max_length=200, blank=True)
    goals = models.TextField(_("mål och syfte"), blank=True)
    consent = models.CharField(_("samtycke"), max_length=20, choices=Consent)
    consent_recorded_on = models.DateField(_("samtycke dokumenterat"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus, default=DecisionStatus.ACTIVE
    )
    implemented_on = models.DateField(_("verkställt"), null=True, blank=True)
    ended_on = models.DateField(_("avslutat"), null=True, blank=True)
    end_reason = models.CharField(_("anledning till avslut"), max_length=300, blank=True)
    # A copy of `implementation_plan.next_follow_up_on`, so the worklist sorts and filters on
    # this table alone (ADR 0033). Written only by `ImplementationPlan.save`/`delete` and
    # refreshed on a full `save()` here; never set it by hand.
    next_follow_up_on = models.DateField(
        _("nästa uppföljning"), null=True, blank=True, editable=False
    )
    # The worklist's order, computed by the database from the columns above, so it cannot
    # drift from them: not implemented first by decision date, then implemented by next
    # follow-up, then the closed by end date. Indexed with the organisation (ADR 0033).
    urgency_rank = models.GeneratedField(
        expression=models.Case(
            models.When(status=DecisionStatus.ACTIVE, then=models.Value(URGENCY_RANK_ACTIVE)),
            models.When(
                status=DecisionStatus.IMPLEMENTED, then=models.Value(URGENCY_RANK_IMPLEMENTED)
            ),
            default=models.Value(URGENCY_RANK_CLOSED),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )
    urgency_date = models.GeneratedField(
        expression=models.Case(
            models.When(status=DecisionStatus.ACTIVE, then=models.F("decision_date")),
            models.When(status=DecisionStatus.IMPLEMENTED, then=models.F("next_follow_up_on")),
            default=models.F("ended_on"),
        ),
        output_field=models.DateField(),
        db_persist=True,
    )

    objects: ClassVar[DecisionQuerySet] = DecisionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-decision_date", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="decision_org_status_idx"),
            models.Index(fields=["decision_date"], name="decision_date_idx"),
            # The worklist: one ordered range per organisation (`selectors.decision_worklist`).
            models.Index(
                fields=["organisation", "urgency_rank", "urgency_date", "decision_date", "id"],
                name="decision_urgency_idx",
            ),
            # Follow-ups due: open decisions by next follow-up (`selectors.follow_ups_due`).
            models.Index(
                fields=["organisation", "next_follow_up_on", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="decision_open_follow_up_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__isnull=True)
                | models.Q(period_to__gte=models.F("period_from")),
                name="decision_period_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="implemented") | models.Q(implemented_on__isnull=False),
                name="decision_implemented_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(scope_quantity__gt=0), name="decision_scope_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_type} ({self.decision_date})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A full save writes every column: take the plan's date from the database, so an
        # instance read before the plan changed cannot put an old date back.
        if self.pk is not None and kwargs.get("update_fields") is None:
            self.next_follow_up_on = (
                ImplementationPlan.objects.filter(decision_id=self.pk)
                .values_list("next_follow_up_on", flat=True)
                .first()
            )
        super().save(*args, **kwargs)

    @property
    def reportable_on(self) -> date:
        """The IVO date: decision date + 3 months (the SQL twin is in the selectors)."""
        return reportable_on(self.decision_date)

    @property
    def waiting_days(self) -> int:
        until = self.implemented_on or self.ended_on
        return waiting_days(self.decision_date, until, timezone.localdate())

    @property
    def reportable_passed(self) -> bool:
        """Not implemented, and the IVO date has come (the SQL twin: `ivo_passed`)."""
        return self.status == DecisionStatus.ACTIVE and self.reportable_on <= timezone.localdate()

    @property
    def reportable_soon(self) -> bool:
        """Not implemented, and the IVO date is within 30 days (the SQL twin: `ivo_soon`)."""
        days = (self.reportable_on - timezone.localdate()).days
        return self.status == DecisionStatus.ACTIVE and 0 < days <= IVO_WARNING_DAYS

    @property
    def is_open(self) -> bool:
        return self.status in (DecisionStatus.ACTIVE, DecisionStatus.IMPLEMENTED)

    @property
    def scope_display(self) -> str:
        quantity = self.scope_quantity.normalize()
        text = f"{quantity:f}".replace(".", ",")
        return f"{text} {self.get_scope_unit_display()}"


class ImplementationPlan(TimeStampedModel):
    """The genomförandeplan for one decision, drawn up with the client (domain §3.3)."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="implementation_plan"
    )
    goals = models.TextField(_("mål och delmål"))
    activities = models.TextField(_("planerade aktiviteter"), blank=True)
    client_wishes = models.TextField(_("den enskildes egna önskemål"), blank=True)
    follow_up_interval_months = models.PositiveSmallIntegerField(
        _("uppföljning var (månader)"), default=DEFAULT_FOLLOW_UP_INTERVAL_MONTHS
    )
    next_follow_up_on = models.DateField(_("nästa uppföljning"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("genomförandeplan")
        verbose_name_plural = _("genomförandeplaner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(follow_up_interval_months__gte=1),
                name="plan_follow_up_interval_positive",
            )
        ]

    def __str__(self) -> str:
        return f"Genomförandeplan {self.decision_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self._copy_to_decision(self.next_follow_up_on)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        self._copy_to_decision(None)
        return result

    def _copy_to_decision(self, day: date | None) -> None:
        """Keep `Decision.next_follow_up_on` (and so its urgency) equal to the plan's date."""
        Decision.objects.filter(pk=self.decision_id).update(next_follow_up_on=day)
        if ImplementationPlan.decision.is_cached(self):
            self.decision.next_follow_up_on = day


class FollowUp(PublicIdModel, models.Model):
    """A follow-up of the insats (uppföljning). Appended, never edited."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="follow_ups")
    held_on = models.DateField(_("datum för uppföljningen"))
    outcome = models.CharField(_("resultat"), max_length=20, choices=FollowUpOutcome)
    notes = models.TextField(_("anteckningar"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrerad"), default=timezone.now)

    class Meta:
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Uppföljning {self.held_on}"
