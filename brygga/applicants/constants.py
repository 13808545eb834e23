from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantStage(models.TextChoices):
    """Where an applicant is in recruitment (domain §2.2); transitions in workflow.py."""

    RECEIVED = "received", _("Intresseanmälan inkommen")
    CONTACTED = "contacted", _("Kontaktad")
    CONSENT_PENDING = "consent_pending", _("Väntar på medgivande")
    REGISTER_CHECKS = "register_checks", _("Registerkontroller")
    INVESTIGATION = "investigation", _("Utredning")
    PROPOSAL = "proposal", _("Förslag till beslut")
    APPROVED = "approved", _("Godkänd")
    NOT_APPROVED = "not_approved", _("Inte godkänd")
    WITHDRAWN = "withdrawn", _("Återkallad")


CLOSED_STAGES = frozenset(
    {ApplicantStage.APPROVED, ApplicantStage.NOT_APPROVED, ApplicantStage.WITHDRAWN}
)


class RegisterCheckKind(models.TextChoices):
    """Register checks the applicant consents to (domain §2.4)."""

    CRIMINAL_RECORD = "criminal_record", _("Polisens belastningsregister")
    SUSPICION_REGISTER = "suspicion_register", _("Polisens misstankeregister")
    SOCIAL_SERVICES = (
        "social_services",
        _("Socialtjänstens register i nuvarande och tidigare hemkommuner"),
    )
    ENFORCEMENT_AUTHORITY = "enforcement_authority", _("Kronofogden")
    SOCIAL_INSURANCE = "social_insurance", _("Försäkringskassan")


class Availability(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_daytime", _("Vardagar dagtid")
    WEEKDAY_EVENINGS = "weekday_evenings", _("Vardagskvällar")
    WEEKENDS = "weekends", _("Helger")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Någon gång i månaden")
    FORTNIGHTLY = "fortnightly", _("Varannan vecka")
    WEEKLY = "weekly", _("Varje vecka")
    SEVERAL_WEEKLY = "several_weekly", _("Flera gånger i veckan")


class Commitment(models.TextChoices):
    ONE_YEAR = "one_year", _("Minst ett år")
    TWO_YEARS = "two_years", _("Minst två år")
    UNSURE = "unsure", _("Vet inte än")
