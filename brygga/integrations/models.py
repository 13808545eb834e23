"""An import run: one uploaded register file, its column mapping, the dry run's findings and
the outcome (ADR 0027). The file itself is kept under PRIVATE_MEDIA_ROOT until imported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brygga.core.models import PublicIdModel, TimeStampedModel

from .constants import ImportKind, ImportStatus


class ImportRun(PublicIdModel, TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="import_runs",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("vad som importeras"), max_length=20, choices=ImportKind)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus, default=ImportStatus.UPLOADED
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet för nya klienter"),
    )
    file_format = models.CharField(_("format"), max_length=10)
    file_sha256 = models.CharField(_("filens kontrollsumma"), max_length=64)
    file_path = models.CharField(max_length=200, blank=True, editable=False)
    headers = models.JSONField(_("kolumnrubriker"), default=list)
    mapping = models.JSONField(_("kolumnmatchning"), default=dict)
    # The dry run's problems: [{"row": 3, "column": "Personnummer", "message": "…"}]. They name
    # rows and columns, never values, so personal data stays in the file only.
    problems = models.JSONField(_("problem"), default=list, blank=True)
    total_rows = models.PositiveIntegerField(_("rader"), default=0)
    valid_rows = models.PositiveIntegerField(_("giltiga rader"), default=0)
    processed_rows = models.PositiveIntegerField(_("behandlade rader"), default=0)
    created_count = models.PositiveIntegerField(_("skapade"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importerad av"),
    )
    checked_at = models.DateTimeField(_("kontrollerad"), null=True, blank=True)
    imported_at = models.DateTimeField(_("importerad"), null=True, blank=True)
    failure = models.CharField(_("fel"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at", "-id"]
        permissions = [("run_import", _("Får importera register från kalkylark"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
