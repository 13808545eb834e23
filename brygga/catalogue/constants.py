from django.db import models
from django.utils.translation import gettext_lazy as _


class CompensationModel(models.TextChoices):
    """How an assignment type is paid (domain §4); behaviour keys on this, never on a name."""

    MONTHLY = "monthly", _("Per månad")
    PER_DAY = "per_day", _("Per dygn")
    HOURLY = "hourly", _("Per timme")


class LawArea(models.TextChoices):
    SOL = "sol", _("Socialtjänstlagen (SoL)")
    LSS = "lss", _("LSS")
    LVU = "lvu", _("LVU")
    FB = "fb", _("Föräldrabalken")
