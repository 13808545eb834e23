from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    """Assignments (uppdrag): matching, offers, start, pause, interruption, end."""

    name = "brygga.assignments"
    label = "assignments"
    verbose_name = _("Uppdrag")

    def ready(self) -> None:
        from brygga.core.my_pages import register_section

        from .views import my_pages_section

        register_section(order=15, render=my_pages_section)
