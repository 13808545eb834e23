from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicantsConfig(AppConfig):
    name = "brygga.applicants"
    label = "applicants"
    verbose_name = _("Sökande och utredning")

    def ready(self) -> None:
        from brygga.core.my_pages import register_section

        from .views import my_pages_section

        register_section(order=10, render=my_pages_section)
