from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    """Integrations: API tokens for systems (staff pages; the token itself lives in accounts),
    the API documentation page, and import of existing registers from spreadsheets."""

    name = "brygga.integrations"
    label = "integrations"
    verbose_name = _("Integrationer")
