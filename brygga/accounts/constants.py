from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    """Staff sign in with password and second factor; the public with an e-mail link."""

    STAFF = "staff", _("Personal")
    PUBLIC = "public", _("Sökande eller uppdragstagare")


class Role(models.TextChoices):
    """Staff roles. Each is a Django group holding permissions; code checks permissions only."""

    RECRUITMENT_OFFICER = "recruitment_officer", _("Kontaktsekreterare")
    CASE_OFFICER = "case_officer", _("Handläggare")
    FINANCE_OFFICER = "finance_officer", _("Ekonomihandläggare")
    MANAGER = "manager", _("Enhetschef")
    ADMINISTRATOR = "administrator", _("Systemadministratör")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommun")
    FEDERATION = "federation", _("Kommunalförbund")
    REGION = "region", _("Region")
