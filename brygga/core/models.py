"""Base models with no domain meaning."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Creation and update times on every domain record."""

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(models.Model):
    """A random public id for URLs and integrations, so row numbers never leak."""

    public_id = models.UUIDField(_("publikt id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True
