from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payments: carers' reports, approval, payment runs and the payroll export."""

    name = "brygga.payments"
    label = "payments"
    verbose_name = _("Rapporter och utbetalningar")

    def ready(self) -> None:
        from brygga.core.my_pages import register_section

        from .views import my_pages_section

        register_section(order=17, render=my_pages_section)
