"""Rules of the register of unimplemented decisions (ej verkställda beslut, domain §3.8)."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.assignments.constants import EndReason
from brygga.catalogue.constants import LawArea
from brygga.clients.constants import REPORTABLE_AFTER_MONTHS

# IVO's reporting duty covers granted SoL bistånd and LSS insatser only. A kontaktperson under
# 22 § LVU or umgängesstöd under föräldrabalken is not reported as ej verkställt.
REPORTABLE_LAWS = frozenset({LawArea.SOL.value, LawArea.LSS.value})

# An avbrott not resumed within this many months is reported (the same three months as a
# decision not implemented).
INTERRUPTION_REPORTABLE_AFTER_MONTHS = REPORTABLE_AFTER_MONTHS

# An assignment ended for one of these reasons leaves the insats owed to the client: the
# municipality looks for a new carer, so an avbrott stays open until another assignment of
# the decision starts or the decision ends. Every other end reason closes the avbrott.
END_REASONS_KEEPING_INTERRUPTION_OPEN = frozenset(
    {EndReason.REMATCH.value, EndReason.BY_CARER.value}
)


class EntryKind(StrEnum):
    """The two grounds for an individrapport."""

    NOT_IMPLEMENTED = "not_implemented"  # ej verkställt beslut
    INTERRUPTED = "interrupted"  # avbrott i verkställigheten
    PARTLY_IMPLEMENTED = "partly_implemented"  # delvis verkställt, marked by staff


class ClosedReason(StrEnum):
    """Why an entry left the register; reported once, in the next report."""

    IMPLEMENTED = "implemented"  # the first assignment started
    RESUMED = "resumed"  # the interrupted assignment, or another one, went on
    ASSIGNMENT_ENDED = "assignment_ended"  # e.g. the need ended or the client ended it
    DECISION_ENDED = "decision_ended"  # behovet upphört, beslutet löpt ut, flytt, ...
    WITHDRAWN = "withdrawn"  # the client withdrew the application
    NEED_ENDED = "need_ended"  # a partly implemented decision: the need ended


# Swedish labels for the kinds and reasons (pages, CSV, PDF).
ENTRY_KIND_LABELS = {
    EntryKind.NOT_IMPLEMENTED: _("Ej verkställt beslut"),
    EntryKind.INTERRUPTED: _("Avbrott i verkställigheten"),
    EntryKind.PARTLY_IMPLEMENTED: _("Delvis verkställt beslut"),
}
CLOSED_REASON_LABELS = {
    ClosedReason.IMPLEMENTED: _("Verkställt"),
    ClosedReason.RESUMED: _("Återupptaget"),
    ClosedReason.ASSIGNMENT_ENDED: _("Uppdraget avslutat"),
    ClosedReason.DECISION_ENDED: _("Beslutet avslutat"),
    ClosedReason.WITHDRAWN: _("Den enskilde återtog ansökan"),
    ClosedReason.NEED_ENDED: _("Behovet har upphört"),
}


class PartialClosedReason(models.TextChoices):
    """How staff close a partly implemented entry (domain §3.8: implemented, or closed for
    another reason: the client withdrew or the need ended)."""

    IMPLEMENTED = "implemented", _("Hela beslutet verkställt")
    NEED_ENDED = "need_ended", _("Behovet har upphört")
    WITHDRAWN = "withdrawn", _("Den enskilde återtog ansökan")
    DECISION_ENDED = "decision_ended", _("Beslutet avslutat")


class ReportRowType(models.TextChoices):
    """An entry's line in a quarter's report (IVO: new, återrapport, verkställt, avslutat)."""

    NEW = "new", _("Ny")
    REPEATED = "repeated", _("Återrapport")
    IMPLEMENTED = "implemented", _("Verkställt")
    CLOSED = "closed", _("Avslutat")


# IVO's reporting windows (domain §3.8, the 2019 example): the report for quarter Q is sent
# between these days. Q4's window is in January of the next year. As (opens month, opens day,
# closes month, closes day); each organisation may override them (`ReportingWindow`).
DEFAULT_REPORTING_WINDOWS = {
    1: (4, 1, 4, 30),
    2: (7, 1, 8, 31),
    3: (10, 1, 10, 31),
    4: (1, 1, 1, 31),
}

# Warnings: decisions and avbrott that become reportable within this many days.
WARNING_DAYS = 30

# IVO's insats category for each assignment type and law (domain-addendum §3.3: stödfamilj
# under LSS is reported as korttidsvistelse, 9 § 6). Unknown pairs fall back to the type's name.
IVO_CATEGORIES = {
    ("sol", "kontaktperson"): "SoL: Kontaktperson/kontaktfamilj",
    ("sol", "kontaktfamilj"): "SoL: Kontaktperson/kontaktfamilj",
    ("sol", "skkp"): "SoL: Kontaktperson/kontaktfamilj",
    ("sol", "stodfamilj"): "SoL: Kontaktperson/kontaktfamilj",
    ("sol", "avlosare"): "SoL: Avlösarservice",
    ("sol", "ledsagare"): "SoL: Ledsagarservice",
    ("lss", "kontaktperson"): "LSS 9 § 4: Kontaktperson",
    ("lss", "stodfamilj"): "LSS 9 § 6: Korttidsvistelse",
    ("lss", "kontaktfamilj"): "LSS 9 § 6: Korttidsvistelse",
    ("lss", "ledsagare"): "LSS 9 § 3: Ledsagarservice",
    ("lss", "avlosare"): "LSS 9 § 5: Avlösarservice",
}
