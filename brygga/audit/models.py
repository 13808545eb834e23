"""AuditEvent: an append-only record of what happened and who looked (ADR 0008)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import AuditEventType


class AuditEventImmutableError(Exception):
    """Raised on any attempt to change or delete an audit event through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutableError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditEventImmutableError("Audit events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutableError("Audit events cannot be changed.")

    def _scrub_personal_data(self) -> int:
        """Blank the label and the changes of these events; nothing else.

        The one deliberate way past append-only, for retention (gallring, ADR 0029): only
        `audit.services.audit_scrub_personal_data` calls it, and that writes an event of its
        own. Who, when, which event, which record (by id) and why stay.
        """
        return models.QuerySet.update(self, subject_label="", changes={"scrubbed": True})


class AuditEvent(models.Model):
    """Who did or saw what, when, why, in which request.

    `subject_*` names the record acted on; `person_*` names the person whose data it is, when
    that differs (a decision's client), so a log review by person finds every event.
    `changes` holds primitives only: `{"field": [old, new]}` or a small dict of facts.
    """

    occurred_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    # No `choices` on the column: the catalogue grows with every feature, and a choices list
    # would need a migration each time. audit_record() accepts only catalogue members.
    event_type = models.CharField(_("händelse"), max_length=64)
    subject_type = models.CharField(_("objekttyp"), max_length=64, blank=True)
    subject_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    subject_label = models.CharField(_("objekt"), max_length=200, blank=True)
    person_type = models.CharField(_("persontyp"), max_length=64, blank=True)
    person_id = models.CharField(_("person-id"), max_length=64, blank=True)
    # The unit and protected-identity flag of the person, as they were when the event was
    # written, so the log review can flag unusual reads without joining the upper apps.
    # PROTECT: a unit named in the log is deactivated, never deleted.
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personens enhet"),
    )
    protected_identity = models.BooleanField(_("skyddade personuppgifter"), default=False)
    purpose = models.CharField(_("syfte"), max_length=200, blank=True)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    request_id = models.CharField(_("anrops-id"), max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("logghändelse")
        verbose_name_plural = _("logghändelser")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-occurred_at"], name="audit_org_time_idx"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_time_idx"),
            models.Index(fields=["person_type", "person_id"], name="audit_person_idx"),
            models.Index(fields=["subject_type", "subject_id"], name="audit_subject_idx"),
        ]
        permissions = [
            ("review_auditlog", _("Får granska loggen (loggkontroll)")),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventImmutableError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditEventImmutableError("Audit events cannot be deleted.")

    def get_event_type_display(self) -> str:
        try:
            return str(AuditEventType(self.event_type).label)
        except ValueError:
            return self.event_type
