"""Reads for the public site and its staff pages.

Public selectors take the organisation whose site it is and return published rows only;
staff selectors take the staff member and return their organisation's rows. Each list loads
what its page shows with `select_related`/`prefetch_related`, so a page costs the same number
of queries for 5 rows as for 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from brygga.accounts.context_processors import site_organisation
from brygga.accounts.models import Organisation, Unit, User

from .models import (
    AssignmentTypePage,
    FaqCategory,
    FaqEntry,
    OpenAssignment,
    PageFeedback,
    Story,
)

# --- Whose site ----------------------------------------------------------------------------


def public_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation whose public site this is (the same one the header shows)."""
    organisation: Organisation | None = site_organisation(request)["site_organisation"]
    return organisation


_NO_ORGANISATION = -1  # matches no row: a site without an organisation shows nothing


def _organisation_id(organisation: Organisation | None) -> int:
    return organisation.pk if organisation is not None else _NO_ORGANISATION


# --- Public: assignment type pages -----------------------------------------------------------


def assignment_type_page_list_published(
    *, organisation: Organisation | None
) -> QuerySet[AssignmentTypePage]:
    return (
        AssignmentTypePage.objects.filter(
            organisation_id=_organisation_id(organisation), published=True
        )
        .select_related("assignment_type", "target_group")
        .order_by("order", "title")
    )


def assignment_type_page_get_published(
    *, organisation: Organisation | None, slug: str
) -> AssignmentTypePage:
    page = (
        AssignmentTypePage.objects.filter(
            organisation_id=_organisation_id(organisation), published=True, slug=slug
        )
        .select_related("assignment_type", "target_group", "responsible_unit")
        .first()
    )
    if page is None:
        raise Http404
    return page


# --- Public: open assignments ----------------------------------------------------------------


def open_assignment_list_published(
    *,
    organisation: Organisation | None,
    assignment_type_code: str = "",
    target_group_code: str = "",
    area: str = "",
) -> QuerySet[OpenAssignment]:
    assignments = OpenAssignment.objects.filter(
        organisation_id=_organisation_id(organisation),
        published=True,
        client_has_protected_identity=False,
    )
    if assignment_type_code:
        assignments = assignments.filter(assignment_type__code=assignment_type_code)
    if target_group_code:
        assignments = assignments.filter(target_group__code=target_group_code)
    if area:
        assignments = assignments.filter(area=area)
    return assignments.select_related("assignment_type", "target_group").order_by(
        "-published_at", "-created_at"
    )


def open_assignment_get_published(
    *, organisation: Organisation | None, public_id: Any
) -> OpenAssignment:
    assignment = (
        OpenAssignment.objects.filter(
            organisation_id=_organisation_id(organisation),
            published=True,
            client_has_protected_identity=False,
            public_id=public_id,
        )
        .select_related("assignment_type", "target_group", "responsible_unit")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def open_assignment_areas_published(*, organisation: Organisation | None) -> list[str]:
    """The areas that have a published assignment, for the filter (one query)."""
    return list(
        OpenAssignment.objects.filter(
            organisation_id=_organisation_id(organisation), published=True
        )
        .order_by("area")
        .values_list("area", flat=True)
        .distinct()
    )


# --- Public: FAQ, stories, contact ----------------------------------------------------------


@dataclass(frozen=True)
class FaqPage:
    categories: list[FaqCategory]
    updated_at: datetime | None
    units: list[Unit]


def faq_page(*, organisation: Organisation | None) -> FaqPage:
    """Published categories with their published questions, in order (two queries)."""
    categories = list(
        FaqCategory.objects.filter(organisation_id=_organisation_id(organisation), published=True)
        .select_related("responsible_unit")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=FaqEntry.objects.filter(published=True).order_by("order", "question"),
                to_attr="published_entries",
            )
        )
        .order_by("order", "title")
    )
    shown: list[FaqCategory] = [c for c in categories if c.published_entries]
    stamps = [c.updated_at for c in shown] + [
        e.updated_at
        for c in shown
        for e in c.published_entries  # type: ignore[attr-defined]
    ]
    units: list[Unit] = []
    for category in shown:
        if category.responsible_unit and category.responsible_unit not in units:
            units.append(category.responsible_unit)
    return FaqPage(categories=shown, updated_at=max(stamps, default=None), units=units)


def story_list_published(*, organisation: Organisation | None) -> QuerySet[Story]:
    return (
        Story.objects.filter(organisation_id=_organisation_id(organisation), published=True)
        .select_related("assignment_type")
        .order_by("order", "-created_at")
    )


def story_get_published(*, organisation: Organisation | None, slug: str) -> Story:
    story = (
        Story.objects.filter(
            organisation_id=_organisation_id(organisation), published=True, slug=slug
        )
        .select_related("assignment_type", "responsible_unit")
        .first()
    )
    if story is None:
        raise Http404
    return story


def contact_unit_list(*, organisation: Organisation | None) -> QuerySet[Unit]:
    """Units with something to contact them by, for the contact page."""
    return (
        Unit.objects.filter(organisation_id=_organisation_id(organisation))
        .exclude(phone="", email="", visiting_address="")
        .order_by("name")
    )


# --- Staff ----------------------------------------------------------------------------------


def _staff_organisation_id(user: User) -> int:
    """The staff member's organisation; without one there is nothing to edit."""
    if user.organisation_id is None:
        raise Http404
    return user.organisation_id


def assignment_type_page_list_for_staff(*, user: User) -> QuerySet[AssignmentTypePage]:
    return (
        AssignmentTypePage.objects.filter(organisation_id=_staff_organisation_id(user))
        .select_related("assignment_type", "target_group", "responsible_unit")
        .order_by("order", "title")
    )


def assignment_type_page_get_for_staff(*, user: User, public_id: Any) -> AssignmentTypePage:
    """The page, if it belongs to the staff member's organisation; otherwise 404."""
    page = AssignmentTypePage.objects.filter(
        organisation_id=_staff_organisation_id(user), public_id=public_id
    ).first()
    if page is None:
        raise Http404
    return page


def faq_category_list_for_staff(*, user: User) -> QuerySet[FaqCategory]:
    return (
        FaqCategory.objects.filter(organisation_id=_staff_organisation_id(user))
        .select_related("responsible_unit")
        .prefetch_related(
            Prefetch("entries", queryset=FaqEntry.objects.order_by("order", "question"))
        )
        .order_by("order", "title")
    )


def faq_category_get_for_staff(*, user: User, public_id: Any) -> FaqCategory:
    category = FaqCategory.objects.filter(
        organisation_id=_staff_organisation_id(user), public_id=public_id
    ).first()
    if category is None:
        raise Http404
    return category


def faq_entry_get_for_staff(*, user: User, public_id: Any) -> FaqEntry:
    entry = (
        FaqEntry.objects.filter(
            category__organisation_id=_staff_organisation_id(user), public_id=public_id
        )
        .select_related("category")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def story_list_for_staff(*, user: User) -> QuerySet[Story]:
    return (
        Story.objects.filter(organisation_id=_staff_organisation_id(user))
        .select_related("assignment_type", "responsible_unit")
        .order_by("order", "-created_at")
    )


def story_get_for_staff(*, user: User, public_id: Any) -> Story:
    story = Story.objects.filter(
        organisation_id=_staff_organisation_id(user), public_id=public_id
    ).first()
    if story is None:
        raise Http404
    return story


def open_assignment_list_for_staff(*, user: User) -> QuerySet[OpenAssignment]:
    return (
        OpenAssignment.objects.filter(organisation_id=_staff_organisation_id(user))
        .select_related("assignment_type", "target_group", "responsible_unit")
        .order_by("published", "-updated_at")
    )


def open_assignment_get_for_staff(*, user: User, public_id: Any) -> OpenAssignment:
    assignment = (
        OpenAssignment.objects.filter(
            organisation_id=_staff_organisation_id(user), public_id=public_id
        )
        .select_related("assignment_type", "target_group", "responsible_unit")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


@dataclass(frozen=True)
class FeedbackSummaryRow:
    path: str
    helpful: int
    not_helpful: int
    last_at: datetime | None

    @property
    def total(self) -> int:
        return self.helpful + self.not_helpful


def page_feedback_summary(*, user: User) -> list[FeedbackSummaryRow]:
    """Yes and no per page for the staff member's organisation (one query)."""
    rows = (
        PageFeedback.objects.filter(organisation_id=_staff_organisation_id(user))
        .values("path")
        .annotate(
            helpful_count=Count("pk", filter=Q(helpful=True)),
            not_helpful_count=Count("pk", filter=Q(helpful=False)),
            last_at=Max("created_at"),
        )
        .order_by("path")
    )
    return [
        FeedbackSummaryRow(
            path=row["path"],
            helpful=row["helpful_count"],
            not_helpful=row["not_helpful_count"],
            last_at=row["last_at"],
        )
        for row in rows
    ]


def page_feedback_comments(*, user: User) -> QuerySet[PageFeedback]:
    return (
        PageFeedback.objects.filter(organisation_id=_staff_organisation_id(user))
        .exclude(comment="")
        .order_by("-created_at")
    )
