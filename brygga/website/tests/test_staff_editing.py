"""Staff edit the public content without a deployment: pages, FAQ and stories, audited."""

from __future__ import annotations

from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.roles import ROLE_PERMISSIONS
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.website import services
from brygga.website.models import AssignmentTypePage, FaqEntry, Story

from .factories import (
    AssignmentTypePageFactory,
    FaqCategoryFactory,
    FaqEntryFactory,
    StoryFactory,
    assignment_type,
)

pytestmark = pytest.mark.django_db


def _page_data(**overrides):
    data = {
        "title": "Kontaktfamilj",
        "slug": "kontaktfamilj",
        "assignment_type": assignment_type("kontaktfamilj").pk,
        "target_group": "",
        "intro": "En familj som tar emot ett barn någon helg i månaden.",
        "body": "Text.",
        "suited_for": "Er som har plats.",
        "time_commitment": "En helg i månaden.",
        "minimum_age": "18",
        "requirements": "Hembesök.",
        "registers_checked": "Belastningsregistret.",
        "pay_text": "Per dygn.",
        "responsible_unit": "",
        "order": "1",
        "published": "on",
    }
    data.update(overrides)
    return data


def test_content_roles_are_granted_as_the_brief_says():
    for role in (Role.RECRUITMENT_OFFICER, Role.MANAGER, Role.ADMINISTRATOR):
        assert "website.change_assignmenttypepage" in ROLE_PERMISSIONS[role]
        assert "website.change_faqentry" in ROLE_PERMISSIONS[role]
        assert "website.change_story" in ROLE_PERMISSIONS[role]
    for role in (Role.RECRUITMENT_OFFICER, Role.CASE_OFFICER, Role.MANAGER):
        assert "website.manage_openassignment" in ROLE_PERMISSIONS[role]
    assert "website.change_assignmenttypepage" not in ROLE_PERMISSIONS[Role.CASE_OFFICER]


def test_editor_creates_and_edits_a_page_and_it_is_audited(client, organisation, manager):
    login_staff(client, manager)
    response = client.post(reverse("website:staff-page-create"), _page_data())
    assert response.status_code == 302
    page = AssignmentTypePage.objects.get(organisation=organisation)
    assert page.published

    response = client.post(
        reverse("website:staff-page-edit", args=[page.public_id]),
        _page_data(title="Kontaktfamilj för barn", published=""),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.published) == ("Kontaktfamilj för barn", False)
    event = AuditEvent.objects.get(event_type=AuditEventType.ASSIGNMENT_TYPE_PAGE_UPDATED)
    assert event.actor == manager and event.organisation == organisation
    assert event.changes["title"] == ["Kontaktfamilj", "Kontaktfamilj för barn"]
    assert event.changes["published"] == [True, False]
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.ASSIGNMENT_TYPE_PAGE_CREATED, subject_id=str(page.public_id)
    ).exists()
    # The public page follows at once.
    assert (
        client.get(reverse("website:assignment-type-detail", args=[page.slug])).status_code == 404
    )


def test_validation_messages_sit_next_to_the_fields(client, organisation, manager):
    AssignmentTypePageFactory(organisation=organisation, slug="kontaktfamilj")
    login_staff(client, manager)
    response = client.post(reverse("website:staff-page-create"), _page_data(title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in html
    assert 'id="id_slug_error"' in html and "Adressen används redan" in html
    assert AssignmentTypePage.objects.count() == 1


def test_same_slug_is_fine_in_another_organisation(organisation, other_organisation):
    AssignmentTypePageFactory(organisation=other_organisation, slug="kontaktfamilj")
    services.assignment_type_page_create(
        organisation=organisation,
        fields={
            "assignment_type": assignment_type("kontaktfamilj"),
            "slug": "kontaktfamilj",
            "title": "Kontaktfamilj",
            "intro": "I",
            "body": "B",
            "suited_for": "S",
            "time_commitment": "T",
            "requirements": "R",
            "registers_checked": "R",
            "pay_text": "P",
        },
        actor=None,
    )


def test_unit_choices_are_limited_to_the_editors_organisation(
    client, organisation, other_organisation, manager
):
    foreign_unit = UnitFactory(organisation=other_organisation, name="Grannbys enhet")
    login_staff(client, manager)
    html = client.get(reverse("website:staff-page-create")).content.decode()
    assert "Grannbys enhet" not in html
    response = client.post(
        reverse("website:staff-page-create"), _page_data(responsible_unit=foreign_unit.pk)
    )
    assert response.status_code == 200
    assert 'id="id_responsible_unit_error"' in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "website:staff-page-list",
        "website:staff-page-create",
        "website:staff-faq-list",
        "website:staff-faq-entry-create",
        "website:staff-faq-category-create",
        "website:staff-story-list",
        "website:staff-story-create",
        "website:staff-feedback",
    ],
)
def test_case_officer_without_content_permissions_gets_403(client, case_officer, url_name):
    login_staff(client, case_officer)
    assert client.get(reverse(url_name)).status_code == 403


def test_finance_officer_cannot_open_the_site_editor(client, organisation):
    login_staff(client, UserFactory(organisation=organisation, roles=[Role.FINANCE_OFFICER]))
    assert client.get(reverse("website:staff-home")).status_code == 403


def test_site_editor_home_shows_what_the_role_may_do(client, case_officer, manager):
    login_staff(client, case_officer)
    html = client.get(reverse("website:staff-home")).content.decode()
    assert "Aktuella uppdrag" in html and "Sidor om uppdragstyper" not in html
    login_staff(client, manager)
    html = client.get(reverse("website:staff-home")).content.decode()
    assert "Sidor om uppdragstyper" in html


def test_another_organisations_content_is_not_editable(client, other_organisation, manager):
    page = AssignmentTypePageFactory(organisation=other_organisation)
    category = FaqCategoryFactory(organisation=other_organisation)
    entry = FaqEntryFactory(category=category)
    story = StoryFactory(organisation=other_organisation)
    login_staff(client, manager)
    for name, obj in [
        ("website:staff-page-edit", page),
        ("website:staff-faq-category-edit", category),
        ("website:staff-faq-entry-edit", entry),
        ("website:staff-story-edit", story),
    ]:
        assert client.get(reverse(name, args=[obj.public_id])).status_code == 404, name
        assert client.post(reverse(name, args=[obj.public_id]), {}).status_code == 404, name
    assert page.title not in client.get(reverse("website:staff-page-list")).content.decode()


def test_faq_editing_is_audited_and_categories_are_scoped(
    client, organisation, other_organisation, manager
):
    own = FaqCategoryFactory(organisation=organisation, title="Ersättning")
    foreign = FaqCategoryFactory(organisation=other_organisation, title="Grannbys kategori")
    login_staff(client, manager)
    html = client.get(reverse("website:staff-faq-entry-create")).content.decode()
    assert "Ersättning" in html and "Grannbys kategori" not in html

    data = {
        "category": own.pk,
        "question": "Är arvodet skattepliktigt?",
        "answer": "Ja.",
        "order": "0",
        "published": "on",
    }
    assert client.post(reverse("website:staff-faq-entry-create"), data).status_code == 302
    entry = FaqEntry.objects.get()
    assert AuditEvent.objects.filter(event_type=AuditEventType.FAQ_ENTRY_CREATED).count() == 1

    response = client.post(
        reverse("website:staff-faq-entry-edit", args=[entry.public_id]),
        {**data, "category": foreign.pk},
    )
    assert response.status_code == 200  # not a valid choice
    entry.refresh_from_db()
    assert entry.category == own


def test_story_editing_is_audited(client, organisation, manager):
    login_staff(client, manager)
    data = {
        "title": "Lenas berättelse",
        "slug": "lena",
        "byline": "Lena, kontaktperson",
        "assignment_type": "",
        "intro": "Ingress.",
        "body": "Text.",
        "responsible_unit": "",
        "order": "0",
        "published": "on",
    }
    assert client.post(reverse("website:staff-story-create"), data).status_code == 302
    story = Story.objects.get()
    client.post(
        reverse("website:staff-story-edit", args=[story.public_id]), {**data, "published": ""}
    )
    story.refresh_from_db()
    assert story.published is False
    assert list(
        AuditEvent.objects.filter(subject_id=str(story.public_id))
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == [AuditEventType.STORY_CREATED, AuditEventType.STORY_UPDATED]


def test_feedback_summary_counts_per_page_for_own_organisation(
    client, organisation, other_organisation, manager
):
    from brygga.website.models import PageFeedback

    PageFeedback.objects.create(organisation=organisation, path="/fragor-och-svar/", helpful=True)
    PageFeedback.objects.create(
        organisation=organisation,
        path="/fragor-och-svar/",
        helpful=False,
        comment="Otydligt om skatt",
    )
    PageFeedback.objects.create(
        organisation=other_organisation,
        path="/kontakt/",
        helpful=False,
        comment="Grannbys kommentar",
    )
    login_staff(client, manager)
    response = client.get(reverse("website:staff-feedback"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "/fragor-och-svar/" in html and "Otydligt om skatt" in html
    assert "Grannbys kommentar" not in html
    summary = response.context["rows"]
    assert [(r.path, r.helpful, r.not_helpful) for r in summary] == [("/fragor-och-svar/", 1, 1)]
