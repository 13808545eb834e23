from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    """Reference data every domain app shares: assignment types and target groups."""

    name = "brygga.catalogue"
    label = "catalogue"
    verbose_name = _("Uppdragstyper och målgrupper")
