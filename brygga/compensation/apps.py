"""Compensation: price base amounts, rate tables as dated data and the exact calculation of fee,
expense allowance and employer contributions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompensationConfig(AppConfig):
    """Compensation: price base amounts, rate tables as dated data and the exact calculation of
    fee, expense allowance and employer contributions."""

    name = "brygga.compensation"
    label = "compensation"
    verbose_name = _("Ersättningar")

    def ready(self) -> None:
        from brygga.core.decision_panels import register_panel

        from .views import decision_cost_panel

        register_panel(order=20, render=decision_cost_panel)
