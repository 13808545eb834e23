from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterat")
    DECLINED = "declined", _("Avböjt")
    WITHDRAWN = "withdrawn", _("Återkallat")


class AssignmentStatus(models.TextChoices):
    """An assignment's life (domain §3.1): planned until it starts on a date."""

    PLANNED = "planned", _("Planerat")
    ACTIVE = "active", _("Pågår")
    PAUSED = "paused", _("Pausat")
    INTERRUPTED = "interrupted", _("Avbrott")
    ENDED = "ended", _("Avslutat")


# Statuses in which an assignment occupies the carer (counts against capacity).
OCCUPYING = (
    AssignmentStatus.PLANNED,
    AssignmentStatus.ACTIVE,
    AssignmentStatus.PAUSED,
    AssignmentStatus.INTERRUPTED,
)


class EndReason(models.TextChoices):
    BY_MUNICIPALITY = "municipality", _("Avslutat av kommunen")
    BY_CARER = "carer", _("Avslutat av uppdragstagaren")
    BY_CLIENT = "client", _("Avslutat av den enskilde eller vårdnadshavare")
    NEED_ENDED = "need_ended", _("Behovet har upphört")
    DECISION_EXPIRED = "decision_expired", _("Beslutet har gått ut")
    REMATCH = "rematch", _("Ny matchning")


class EventKind(models.TextChoices):
    OFFERED = "offered", _("Erbjudet")
    ACCEPTED = "accepted", _("Accepterat")
    DECLINED = "declined", _("Avböjt")
    WITHDRAWN = "withdrawn", _("Erbjudandet återkallat")
    FIRST_MEETING = "first_meeting", _("Första möte")
    CONFIRMED_BY_CARER = "confirmed_by_carer", _("Bekräftat av uppdragstagaren")
    CONFIRMED_BY_CLIENT = "confirmed_by_client", _("Bekräftat av den enskilde")
    STARTED = "started", _("Startat")
    PAUSED = "paused", _("Pausat")
    INTERRUPTED = "interrupted", _("Avbrott")
    RESUMED = "resumed", _("Återupptaget")
    ENDED = "ended", _("Avslutat")


class Party(models.TextChoices):
    CARER = "carer", _("Uppdragstagaren")
    CLIENT = "client", _("Den enskilde eller vårdnadshavare")


class DropReason(models.TextChoices):
    """Hard constraints matching decides in SQL (ADR 0032): a carer failing one is counted
    under it, not read; one carer may fail several."""

    STATUS = "status", _("Vilande")
    CAPACITY = "capacity", _("Ingen ledig plats")
    APPROVAL = "approval", _("Inget giltigt godkännande för uppdragstypen och målgruppen")


def dropped_text(reason: DropReason, count: int) -> str:
    """How many carers one SQL-decided constraint left out, as a sentence."""
    if reason == DropReason.STATUS:
        text = ngettext(
            "%(count)s uppdragstagare är vilande.", "%(count)s uppdragstagare är vilande.", count
        )
    elif reason == DropReason.CAPACITY:
        text = ngettext(
            "%(count)s uppdragstagare utan ledig plats (högsta antalet samtidiga uppdrag nått).",
            "%(count)s uppdragstagare utan ledig plats (högsta antalet samtidiga uppdrag nått).",
            count,
        )
    else:
        text = ngettext(
            "%(count)s uppdragstagare utan giltigt godkännande för uppdragstypen och "
            "målgruppen på startdagen.",
            "%(count)s uppdragstagare utan giltigt godkännande för uppdragstypen och "
            "målgruppen på startdagen.",
            count,
        )
    return text % {"count": count}
