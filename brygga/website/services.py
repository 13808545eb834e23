"""Every write to the public site's content.

Each staff write validates the row (`full_clean`), saves it in one transaction and records
an audit event in the same transaction, with the changed fields as primitives. Anonymous
page feedback is the one write without an audit event: it has no actor and no personal
data, and the log is for what staff do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.accounts.models import Organisation, User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.ratelimit import within_limit

from .constants import FEEDBACK_COMMENT_MAX_LENGTH
from .models import AssignmentTypePage, FaqCategory, FaqEntry, OpenAssignment, PageFeedback, Story

M = TypeVar("M", bound=models.Model)

ASSIGNMENT_TYPE_PAGE_FIELDS = frozenset(
    {
        "assignment_type",
        "target_group",
        "responsible_unit",
        "slug",
        "title",
        "intro",
        "body",
        "suited_for",
        "time_commitment",
        "minimum_age",
        "requirements",
        "registers_checked",
        "pay_text",
        "order",
        "published",
    }
)
FAQ_CATEGORY_FIELDS = frozenset({"title", "responsible_unit", "order", "published"})
FAQ_ENTRY_FIELDS = frozenset({"category", "question", "answer", "order", "published"})
STORY_FIELDS = frozenset(
    {
        "assignment_type",
        "responsible_unit",
        "slug",
        "title",
        "byline",
        "intro",
        "body",
        "order",
        "published",
    }
)
OPEN_ASSIGNMENT_FIELDS = frozenset(
    {
        "responsible_unit",
        "assignment_type",
        "target_group",
        "title",
        "age_band",
        "carer_gender",
        "area",
        "interests",
        "scope",
        "start_wish",
        "description",
        "client_has_protected_identity",
    }
)

# Longer texts are logged as changed, not copied into the log.
_TEXT_LOGGED_AS_CHANGED = 120


class ProtectedIdentityError(ValidationError):
    """An open assignment for a person with protected identity may never be published."""


# --- Helpers ---------------------------------------------------------------------------------


def _primitive(value: Any) -> Any:
    if isinstance(value, models.Model):
        code = getattr(value, "code", None)
        return code if code else str(value)
    if value is None or isinstance(value, bool | int):
        return value
    text = str(value)
    return text if len(text) <= _TEXT_LOGGED_AS_CHANGED else "…"


def _snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """`{"field": [old, new]}` for changed fields, primitives only."""
    return {
        name: [_primitive(before[name]), _primitive(after[name])]
        for name in sorted(after)
        if before.get(name) != after[name]
    }


def _apply(instance: M, fields: Mapping[str, Any], allowed: frozenset[str]) -> M:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def _check_same_organisation(organisation: Organisation, fields: Mapping[str, Any]) -> None:
    """A responsible unit or FAQ category must belong to the same organisation."""
    for name in ("responsible_unit", "category"):
        related = fields.get(name)
        if related is not None and related.organisation_id != organisation.pk:
            raise ValidationError({name: _("Välj en enhet i din egen organisation.")})


def _create(
    *,
    model: type[M],
    organisation: Organisation | None,
    fields: Mapping[str, Any],
    allowed: frozenset[str],
    event: AuditEventType,
    actor: User | None,
) -> M:
    instance = model()
    if organisation is not None:
        _check_same_organisation(organisation, fields)
        instance.organisation = organisation  # type: ignore[attr-defined]
    _apply(instance, fields, allowed)
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        event=event,
        subject=instance,
        changes={name: _primitive(value) for name, value in sorted(fields.items())},
    )
    return instance


def _update(
    *,
    instance: M,
    organisation: Organisation,
    fields: Mapping[str, Any],
    allowed: frozenset[str],
    event: AuditEventType,
    actor: User | None,
) -> M:
    _check_same_organisation(organisation, fields)
    # Compare with the row as stored, not with an instance a form may already have changed.
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = _snapshot(current, fields)
    _apply(current, fields, allowed)
    current.full_clean()
    current.save()
    changes = _diff(before, _snapshot(current, fields))
    if changes:
        audit_record(actor=actor, event=event, subject=current, changes=changes)
    return current


# --- Assignment type pages --------------------------------------------------------------------


@transaction.atomic
def assignment_type_page_create(
    *, organisation: Organisation, fields: Mapping[str, Any], actor: User | None
) -> AssignmentTypePage:
    return _create(
        model=AssignmentTypePage,
        organisation=organisation,
        fields=fields,
        allowed=ASSIGNMENT_TYPE_PAGE_FIELDS,
        event=AuditEventType.ASSIGNMENT_TYPE_PAGE_CREATED,
        actor=actor,
    )


@transaction.atomic
def assignment_type_page_update(
    *, page: AssignmentTypePage, fields: Mapping[str, Any], actor: User | None
) -> AssignmentTypePage:
    return _update(
        instance=page,
        organisation=page.organisation,
        fields=fields,
        allowed=ASSIGNMENT_TYPE_PAGE_FIELDS,
        event=AuditEventType.ASSIGNMENT_TYPE_PAGE_UPDATED,
        actor=actor,
    )


# --- FAQ --------------------------------------------------------------------------------------


@transaction.atomic
def faq_category_create(
    *, organisation: Organisation, fields: Mapping[str, Any], actor: User | None
) -> FaqCategory:
    return _create(
        model=FaqCategory,
        organisation=organisation,
        fields=fields,
        allowed=FAQ_CATEGORY_FIELDS,
        event=AuditEventType.FAQ_CATEGORY_CREATED,
        actor=actor,
    )


@transaction.atomic
def faq_category_update(
    *, category: FaqCategory, fields: Mapping[str, Any], actor: User | None
) -> FaqCategory:
    return _update(
        instance=category,
        organisation=category.organisation,
        fields=fields,
        allowed=FAQ_CATEGORY_FIELDS,
        event=AuditEventType.FAQ_CATEGORY_UPDATED,
        actor=actor,
    )


@transaction.atomic
def faq_entry_create(
    *, organisation: Organisation, fields: Mapping[str, Any], actor: User | None
) -> FaqEntry:
    _check_same_organisation(organisation, fields)
    return _create(
        model=FaqEntry,
        organisation=None,
        fields=fields,
        allowed=FAQ_ENTRY_FIELDS,
        event=AuditEventType.FAQ_ENTRY_CREATED,
        actor=actor,
    )


@transaction.atomic
def faq_entry_update(*, entry: FaqEntry, fields: Mapping[str, Any], actor: User | None) -> FaqEntry:
    return _update(
        instance=entry,
        organisation=entry.category.organisation,
        fields=fields,
        allowed=FAQ_ENTRY_FIELDS,
        event=AuditEventType.FAQ_ENTRY_UPDATED,
        actor=actor,
    )


# --- Stories ----------------------------------------------------------------------------------


@transaction.atomic
def story_create(
    *, organisation: Organisation, fields: Mapping[str, Any], actor: User | None
) -> Story:
    return _create(
        model=Story,
        organisation=organisation,
        fields=fields,
        allowed=STORY_FIELDS,
        event=AuditEventType.STORY_CREATED,
        actor=actor,
    )


@transaction.atomic
def story_update(*, story: Story, fields: Mapping[str, Any], actor: User | None) -> Story:
    return _update(
        instance=story,
        organisation=story.organisation,
        fields=fields,
        allowed=STORY_FIELDS,
        event=AuditEventType.STORY_UPDATED,
        actor=actor,
    )


# --- Open assignments -------------------------------------------------------------------------


@transaction.atomic
def open_assignment_create(
    *, organisation: Organisation, fields: Mapping[str, Any], actor: User | None
) -> OpenAssignment:
    """A new listing, unpublished: publishing is a separate, deliberate step."""
    return _create(
        model=OpenAssignment,
        organisation=organisation,
        fields=fields,
        allowed=OPEN_ASSIGNMENT_FIELDS,
        event=AuditEventType.OPEN_ASSIGNMENT_CREATED,
        actor=actor,
    )


@transaction.atomic
def open_assignment_update(
    *, assignment: OpenAssignment, fields: Mapping[str, Any], actor: User | None
) -> OpenAssignment:
    """Change a listing. Marking the person as having protected identity takes a published
    listing down in the same transaction."""
    if fields.get("client_has_protected_identity"):
        current = OpenAssignment.objects.select_for_update().get(pk=assignment.pk)
        if current.published:
            _unpublish(current, actor=actor)
    return _update(
        instance=assignment,
        organisation=assignment.organisation,
        fields=fields,
        allowed=OPEN_ASSIGNMENT_FIELDS,
        event=AuditEventType.OPEN_ASSIGNMENT_UPDATED,
        actor=actor,
    )


@transaction.atomic
def open_assignment_publish(*, assignment: OpenAssignment, actor: User | None) -> OpenAssignment:
    current = OpenAssignment.objects.select_for_update().get(pk=assignment.pk)
    if current.client_has_protected_identity:
        raise ProtectedIdentityError(
            _(
                "Uppdraget kan inte publiceras: personen har skyddade personuppgifter. "
                "Sök uppdragstagare bland redan godkända i stället."
            )
        )
    if current.published:
        return current
    current.published = True
    current.published_at = timezone.now()
    current.save(update_fields=["published", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.OPEN_ASSIGNMENT_PUBLISHED,
        subject=current,
        changes={"published": [False, True]},
    )
    return current


def _unpublish(current: OpenAssignment, *, actor: User | None) -> None:
    current.published = False
    current.save(update_fields=["published", "updated_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.OPEN_ASSIGNMENT_UNPUBLISHED,
        subject=current,
        changes={"published": [True, False]},
    )


@transaction.atomic
def open_assignment_unpublish(*, assignment: OpenAssignment, actor: User | None) -> OpenAssignment:
    current = OpenAssignment.objects.select_for_update().get(pk=assignment.pk)
    if current.published:
        _unpublish(current, actor=actor)
    return current


# --- Anonymous page feedback ------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackResult:
    saved: bool
    rate_limited: bool = False


def page_feedback_submit(
    *,
    organisation: Organisation,
    path: str,
    helpful: bool,
    comment: str,
    client_address: str,
    honeypot: str = "",
) -> FeedbackResult:
    """Store one anonymous answer to "Hjälpte informationen dig?".

    The client address only counts attempts in the cache (it is never stored); over
    `PAGE_FEEDBACK_RATE_LIMIT` an hour the answer is dropped. A filled-in honeypot field means
    a robot: the answer is dropped without telling it.
    """
    if honeypot:
        return FeedbackResult(saved=False)
    limit: int = getattr(settings, "PAGE_FEEDBACK_RATE_LIMIT", 20)
    if not within_limit(f"page-feedback:{client_address}", limit):
        return FeedbackResult(saved=False, rate_limited=True)
    PageFeedback.objects.create(
        organisation=organisation,
        path=path[:200],
        helpful=helpful,
        comment=comment.strip()[:FEEDBACK_COMMENT_MAX_LENGTH],
    )
    return FeedbackResult(saved=True)
