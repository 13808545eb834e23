"""Choices for carers (uppdragstagare), their register checks and training."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CarerStatus(models.TextChoices):
    """Where an approved carer is (domain §2.2); transitions in workflow.py."""

    AVAILABLE = "available", _("Tillgänglig")
    PAUSED = "paused", _("Vilande")
    IN_ASSIGNMENT = "in_assignment", _("I uppdrag")
    DEREGISTERED = "deregistered", _("Avregistrerad")


class CheckKind(models.TextChoices):
    """Register checks carried over from the investigation (domain §2.4)."""

    CRIMINAL_RECORD = "criminal_record", _("Polisens belastningsregister")
    SUSPICION_REGISTER = "suspicion_register", _("Polisens misstankeregister")
    SOCIAL_SERVICES = "social_services", _("Socialtjänstens register")
    ENFORCEMENT_AUTHORITY = "enforcement_authority", _("Kronofogden")
    SOCIAL_INSURANCE = "social_insurance", _("Försäkringskassan")
    CHILDREN_EXTRACT_2013_852 = (
        "children_extract_2013_852",
        _("Registerutdrag för arbete med barn (lag 2013:852)"),
    )
    LSS_EXTRACT_2010_479 = (
        "lss_extract_2010_479",
        _("Registerutdrag för LSS-verksamhet med barn (lag 2010:479)"),
    )


# Extracts for work with children count for one year from the day they were issued.
CHILD_EXTRACT_KINDS = frozenset(
    {CheckKind.CHILDREN_EXTRACT_2013_852, CheckKind.LSS_EXTRACT_2010_479}
)


class CheckOutcome(models.TextChoices):
    NO_ENTRY = "no_entry", _("Inga uppgifter")
    ENTRY_NO_OBSTACLE = "entry_no_obstacle", _("Uppgifter finns, inget hinder")


class Availability(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_daytime", _("Vardagar dagtid")
    WEEKDAY_EVENINGS = "weekday_evenings", _("Vardagskvällar")
    WEEKENDS = "weekends", _("Helger")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Någon gång i månaden")
    FORTNIGHTLY = "fortnightly", _("Varannan vecka")
    WEEKLY = "weekly", _("Varje vecka")
    SEVERAL_WEEKLY = "several_weekly", _("Flera gånger i veckan")


class TrainingKind(models.TextChoices):
    INTRO = "intro", _("Introduktionsutbildning")
    FURTHER = "further", _("Fortbildning")


class CarerOrdering(models.TextChoices):
    NAME = "name", _("Namn")
    AREA = "area", _("Postnummer")
    APPROVED = "approved", _("Senast godkänd")
    STATUS = "status", _("Status")
