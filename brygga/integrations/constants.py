from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    CARERS = "carers", _("Uppdragstagare")
    CLIENTS = "clients", _("Klienter med beslut")
    ASSIGNMENTS = "assignments", _("Pågående uppdrag")


class ImportStatus(models.TextChoices):
    """uploaded → checking → checked → importing → done (or failed)."""

    UPLOADED = "uploaded", _("Uppladdad")
    CHECKING = "checking", _("Kontrolleras")
    CHECKED = "checked", _("Kontrollerad")
    IMPORTING = "importing", _("Importeras")
    DONE = "done", _("Importerad")
    FAILED = "failed", _("Misslyckades")


# Files with more data rows than this are checked and imported by a background task.
BACKGROUND_ROW_THRESHOLD = 500
MAX_ROWS = 20000
