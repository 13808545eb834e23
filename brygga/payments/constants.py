from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SUBMITTED = "submitted", _("Skickad")
    RETURNED = "returned", _("Returnerad för rättning")
    APPROVED = "approved", _("Godkänd")
    PAID = "paid", _("Utbetald")


class LineKind(models.TextChoices):
    """What a payment line pays; fee is taxable salary, the others are tax-free."""

    FEE = "fee", _("Arvode")
    EXPENSE_ALLOWANCE = "expense_allowance", _("Omkostnadsersättning")
    TRAVEL = "travel", _("Reseersättning")
    OUTLAY = "outlay", _("Utlägg mot kvitto")


TAXABLE_KINDS = frozenset({LineKind.FEE})


class RunStatus(models.TextChoices):
    BUILDING = "building", _("Sammanställs")
    READY = "ready", _("Klar att exportera")
    EXPORTED = "exported", _("Exporterad och låst")
    FAILED = "failed", _("Misslyckades")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    PAXML = "paxml", _("PAXml")
