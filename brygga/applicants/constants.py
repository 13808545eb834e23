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


# Stages an officer may move a case to by hand; approval and rejection are decisions.
MANUAL_STAGE_CHOICES = [
    (stage.value, stage.label)
    for stage in ApplicantStage
    if stage not in {ApplicantStage.APPROVED, ApplicantStage.NOT_APPROVED}
]

CLOSED_STAGES = frozenset(
    {ApplicantStage.APPROVED, ApplicantStage.NOT_APPROVED, ApplicantStage.WITHDRAWN}
)


class RegisterCheckKind(models.TextChoices):
    """Register checks (domain §2.4). The first five need the applicant's consent; the two
    extracts the applicant orders and shows us."""

    CRIMINAL_RECORD = "criminal_record", _("Polisens belastningsregister")
    SUSPICION_REGISTER = "suspicion_register", _("Polisens misstankeregister")
    SOCIAL_SERVICES = (
        "social_services",
        _("Socialtjänstens register i nuvarande och tidigare hemkommuner"),
    )
    ENFORCEMENT_AUTHORITY = "enforcement_authority", _("Kronofogden")
    SOCIAL_INSURANCE = "social_insurance", _("Försäkringskassan")
    CHILDREN_EXTRACT = (
        "children_extract_2013_852",
        _("Utdrag för arbete med barn (lag 2013:852)"),
    )
    LSS_EXTRACT = "lss_extract_2010_479", _("Utdrag för LSS-verksamhet med barn (lag 2010:479)")


# The checks the interest form asks consent for; the extracts are shown by the applicant.
CONSENT_KINDS = [
    RegisterCheckKind.CRIMINAL_RECORD,
    RegisterCheckKind.SUSPICION_REGISTER,
    RegisterCheckKind.SOCIAL_SERVICES,
    RegisterCheckKind.ENFORCEMENT_AUTHORITY,
    RegisterCheckKind.SOCIAL_INSURANCE,
]
EXTRACT_KINDS = frozenset({RegisterCheckKind.CHILDREN_EXTRACT, RegisterCheckKind.LSS_EXTRACT})


class CheckOutcome(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    NO_ENTRY = "no_entry", _("Ingen förekomst")
    NO_OBSTACLE = "entry_no_obstacle", _("Förekomst som inte är ett hinder")
    DISQUALIFIES = "entry_disqualifies", _("Förekomst som är ett hinder")


class MeetingKind(models.TextChoices):
    INTERVIEW = "interview", _("Utredningssamtal")
    HOME_VISIT = "home_visit", _("Hembesök")


class DecisionOutcome(models.TextChoices):
    PROPOSED = "proposed", _("Förslag till beslut")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Inte godkänd")


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
