from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Oversight: the register of unimplemented decisions reported to IVO (read-only over
    clients and assignments)."""

    name = "brygga.oversight"
    label = "oversight"
    verbose_name = _("Tillsyn och uppföljning")
