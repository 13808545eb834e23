from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    """A contract version's life: sent to the carer, accepted by the carer, signed by staff
    (in force), or replaced by a later signed version (kept and readable)."""

    SENT = "sent", _("Väntar på uppdragstagaren")
    ACCEPTED = "accepted", _("Accepterat av uppdragstagaren")
    SIGNED = "signed", _("Gäller")
    SUPERSEDED = "superseded", _("Ersatt av en nyare version")


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Varje månad")
    HALF_YEARLY = "half_yearly", _("Varje halvår")


# Defaults of a new contract (domain §3.5, §3.6).
DEFAULT_NOTICE_MONTHS = 1
DEFAULT_REPORT_DEADLINE_DAY = 27
