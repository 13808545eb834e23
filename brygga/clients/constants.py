"""Choices for clients, decisions (beslut), implementation plans and follow-ups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentifierKind(models.TextChoices):
    PERSONNUMMER = "personnummer", _("Personnummer")
    SAMORDNINGSNUMMER = "samordningsnummer", _("Samordningsnummer")
    RESERVE = "reserve", _("Reservnummer (IVO)")


class Sex(models.TextChoices):
    """As a personnummer or an IVO reserve number encodes it (domain §3.8)."""

    FEMALE = "female", _("Kvinna")
    MALE = "male", _("Man")


class CarerGenderWish(models.TextChoices):
    ANY = "", _("Ingen önskan")
    FEMALE = "female", _("Kvinna")
    MALE = "male", _("Man")


class ScopeUnit(models.TextChoices):
    """Omfattning: a number of these (domain §3.2)."""

    MEETINGS_PER_WEEK = "meetings_per_week", _("träffar per vecka")
    MEETINGS_PER_MONTH = "meetings_per_month", _("träffar per månad")
    HOURS_PER_WEEK = "hours_per_week", _("timmar per vecka")
    HOURS_PER_MONTH = "hours_per_month", _("timmar per månad")
    DAYS_PER_MONTH = "days_per_month", _("dygn per månad")
    WEEKENDS_PER_MONTH = "weekends_per_month", _("helger per månad")


class DecisionStatus(models.TextChoices):
    """`implemented` is set by the assignments app through `decision_mark_implemented`."""

    ACTIVE = "active", _("Ej verkställt")
    IMPLEMENTED = "implemented", _("Verkställt")
    ENDED = "ended", _("Avslutat")
    WITHDRAWN = "withdrawn", _("Återtaget")


OPEN_STATUSES = (DecisionStatus.ACTIVE, DecisionStatus.IMPLEMENTED)

# `Decision.urgency_rank`: the worklist's first sort key.
URGENCY_RANK_ACTIVE = 0
URGENCY_RANK_IMPLEMENTED = 1
URGENCY_RANK_CLOSED = 2
URGENCY_RANK: dict[str, int] = {
    DecisionStatus.ACTIVE: URGENCY_RANK_ACTIVE,
    DecisionStatus.IMPLEMENTED: URGENCY_RANK_IMPLEMENTED,
    DecisionStatus.ENDED: URGENCY_RANK_CLOSED,
    DecisionStatus.WITHDRAWN: URGENCY_RANK_CLOSED,
}


class Consent(models.TextChoices):
    """Whose consent the decision rests on (domain §1.3)."""

    GUARDIANS = "guardians", _("Vårdnadshavarna")
    CHILD_12_PLUS = "child_12_plus", _("Barnet (12 år eller äldre)")
    ADULT = "adult", _("Den enskilde")
    NOT_REQUIRED_LVU = "not_required_lvu", _("Inget samtycke krävs (22 § LVU)")


class FollowUpOutcome(models.TextChoices):
    CONTINUE = "continue", _("Insatsen fortsätter")
    CHANGE_SCOPE = "change_scope", _("Omfattningen behöver ändras")
    END = "end", _("Insatsen ska avslutas")


# IVO: a decision not implemented three months after the decision date is reported (§3.8).
REPORTABLE_AFTER_MONTHS = 3
# The worklist warns this many days before the IVO date.
IVO_WARNING_DAYS = 30
# Follow-ups due within this many days are listed on the worklist.
FOLLOW_UP_REMINDER_DAYS = 14
DEFAULT_FOLLOW_UP_INTERVAL_MONTHS = 6
