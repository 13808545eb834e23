from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """Contracts (uppdragsavtal): the terms of an assignment, its versions, the PDF, the carer's
    acceptance and staff signature."""

    name = "brygga.contracts"
    label = "contracts"
    verbose_name = _("Uppdragsavtal")

    def ready(self) -> None:
        from brygga.core.my_pages import register_section

        from .views import my_pages_section

        register_section(order=16, render=my_pages_section)
