"""Oversight keeps no rows of its own yet: the register is derived from decisions and
assignments (`register.py`). This unmanaged model only carries the app's permissions, since a
Django permission needs a content type."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnimplementedRegister(models.Model):
    """The register of unimplemented decisions (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("register över ej verkställda beslut")
        verbose_name_plural = _("register över ej verkställda beslut")
        permissions = [
            (
                "view_unimplemented",
                _("Får se registret över ej verkställda beslut"),
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
