from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarersConfig(AppConfig):
    name = "brygga.carers"
    label = "carers"
    verbose_name = _("Uppdragstagare")

    def ready(self) -> None:
        from brygga.core.my_pages import register_section

        from .views import my_pages_training_section

        register_section(order=20, render=my_pages_training_section)
