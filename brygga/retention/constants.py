from django.db import models
from django.utils.translation import gettext_lazy as _

# SoF 7 kap. 2 §: files of people born on these days of a month are kept for research.
RESEARCH_DAYS = frozenset({5, 15, 25})


class RetentionAnchor(models.TextChoices):
    """What a rule's period counts from."""

    LAST_ENTRY = "last_entry", _("Efter senaste anteckning eller händelse")
    CALENDAR_YEAR_END = "calendar_year_end", _("Efter utgången av kalenderåret")


class LedgerAction(models.TextChoices):
    DELETED = "deleted", _("Raderad")
    ANONYMISED = "anonymised", _("Avidentifierad")


class RunTrigger(models.TextChoices):
    COMMAND = "command", _("Kommandot retention_run")
    TASK = "task", _("Schemalagd uppgift")
    PAGE = "page", _("Sidan Gallring")


class KeptReason(models.TextChoices):
    """Why a record past its period is kept; shown in the dry run."""

    RESEARCH = "research", _("Forskningsundantag (född den 5, 15 eller 25)")
    REFERENCED = "referenced", _("Spärrad: andra handlingar som sparas hänvisar hit")
