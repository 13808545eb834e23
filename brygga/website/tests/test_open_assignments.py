"""Open assignments: anonymised fields only, never published for protected identity, and
staff pages that create, edit, publish and unpublish them with an audit trail."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.website import services
from brygga.website.api.serializers import OpenAssignmentSerializer
from brygga.website.models import OpenAssignment

from .factories import OpenAssignmentFactory, assignment_type, target_group

pytestmark = pytest.mark.django_db

IDENTIFYING = re.compile(
    r"name|namn|personnummer|personal_?number|ssn|birth|fodelse|födelse|address|adress|"
    r"street|gata|postal|postnummer|zip|phone|telefon|mobile|email|e_?post|contact|kontakt",
    re.IGNORECASE,
)
# What the API may say about an open assignment: the anonymised fields and catalogue labels.
API_FIELDS = {
    "public_id",
    "title",
    "assignment_type",
    "assignment_type_name",
    "target_group",
    "age_band",
    "age_band_label",
    "carer_gender",
    "area",
    "interests",
    "scope",
    "start_wish",
    "description",
    "published_at",
}


def test_the_model_has_no_field_that_could_identify_the_person():
    names = [field.name for field in OpenAssignment._meta.get_fields()]
    offending = [name for name in names if IDENTIFYING.search(name)]
    assert offending == [], f"OpenAssignment must stay anonymous, found {offending}"
    assert "age_band" in names  # an age band, never a birth date


def test_the_api_exposes_only_anonymised_fields():
    fields = set(OpenAssignmentSerializer().fields)
    assert fields == API_FIELDS
    assert "client_has_protected_identity" not in fields
    # The only "name" fields are the catalogue's labels, not a person's.
    assert {f for f in fields if IDENTIFYING.search(f)} == {"assignment_type_name"}


def test_the_public_page_shows_only_anonymised_facts(client, organisation):
    listing = OpenAssignmentFactory(organisation=organisation, live=True)
    html = client.get(reverse("website:open-assignment-detail", args=[listing.public_id]))
    text = html.content.decode()
    assert "Skyddade personuppgifter" not in text
    assert "personnummer" not in text.lower()


# --- Protected identity --------------------------------------------------------------------


def test_service_refuses_to_publish_for_protected_identity(organisation, manager):
    listing = OpenAssignmentFactory(organisation=organisation, client_has_protected_identity=True)
    with pytest.raises(services.ProtectedIdentityError):
        services.open_assignment_publish(assignment=listing, actor=manager)
    listing.refresh_from_db()
    assert listing.published is False
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.OPEN_ASSIGNMENT_PUBLISHED
    ).exists()


def test_database_refuses_a_published_listing_with_protected_identity(organisation):
    listing = OpenAssignmentFactory(organisation=organisation, live=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        OpenAssignment.objects.filter(pk=listing.pk).update(client_has_protected_identity=True)


def test_marking_protected_identity_takes_a_published_listing_down(organisation, manager):
    listing = OpenAssignmentFactory(organisation=organisation, live=True)
    services.open_assignment_update(
        assignment=listing, fields={"client_has_protected_identity": True}, actor=manager
    )
    listing.refresh_from_db()
    assert (listing.published, listing.client_has_protected_identity) == (False, True)
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {
        AuditEventType.OPEN_ASSIGNMENT_UNPUBLISHED,
        AuditEventType.OPEN_ASSIGNMENT_UPDATED,
    } <= events


def test_protected_listing_is_never_shown_publicly(client, organisation):
    listing = OpenAssignmentFactory(organisation=organisation, client_has_protected_identity=True)
    assert (
        client.get(reverse("website:open-assignment-detail", args=[listing.public_id])).status_code
        == 404
    )
    assert listing.title not in client.get(reverse("website:open-assignment-list")).content.decode()


# --- Services --------------------------------------------------------------------------------


def _fields(**overrides):
    fields = {
        "assignment_type": assignment_type("kontaktperson"),
        "target_group": target_group("barn-och-unga"),
        "responsible_unit": None,
        "title": "Kontaktperson till en tonåring",
        "age_band": "13-17",
        "carer_gender": "any",
        "area": "Norra Ekby",
        "interests": "Fotboll",
        "scope": "2 träffar i månaden",
        "start_wish": "Snarast",
        "description": "En tonåring söker en vuxen förebild.",
        "client_has_protected_identity": False,
    }
    fields.update(overrides)
    return fields


def test_create_publish_unpublish_are_audited(organisation, case_officer):
    listing = services.open_assignment_create(
        organisation=organisation, fields=_fields(), actor=case_officer
    )
    assert listing.published is False
    services.open_assignment_publish(assignment=listing, actor=case_officer)
    listing.refresh_from_db()
    assert listing.published and listing.published_at is not None
    services.open_assignment_unpublish(assignment=listing, actor=case_officer)
    events = list(
        AuditEvent.objects.filter(subject_id=str(listing.public_id))
        .order_by("occurred_at", "pk")
        .values_list("event_type", "actor_id", "organisation_id")
    )
    assert [e[0] for e in events] == [
        AuditEventType.OPEN_ASSIGNMENT_CREATED,
        AuditEventType.OPEN_ASSIGNMENT_PUBLISHED,
        AuditEventType.OPEN_ASSIGNMENT_UNPUBLISHED,
    ]
    assert {(e[1], e[2]) for e in events} == {(case_officer.pk, organisation.pk)}


def test_update_records_changed_fields_only(organisation, manager):
    listing = OpenAssignmentFactory(organisation=organisation, area="Centrum")
    services.open_assignment_update(
        assignment=listing, fields=_fields(area="Lunden", title=listing.title), actor=manager
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.OPEN_ASSIGNMENT_UPDATED)
    assert event.changes["area"] == ["Centrum", "Lunden"]
    assert "title" not in event.changes


def test_unit_of_another_organisation_is_refused(organisation, other_organisation):
    from brygga.accounts.tests.factories import UnitFactory

    foreign_unit = UnitFactory(organisation=other_organisation)
    with pytest.raises(ValidationError):
        services.open_assignment_create(
            organisation=organisation, fields=_fields(responsible_unit=foreign_unit), actor=None
        )


# --- Staff pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.RECRUITMENT_OFFICER, Role.CASE_OFFICER, Role.MANAGER])
def test_roles_that_may_manage_open_assignments(client, organisation, role):
    login_staff(client, UserFactory(organisation=organisation, roles=[role]))
    assert client.get(reverse("website:staff-open-assignment-list")).status_code == 200


@pytest.mark.parametrize("role", [Role.FINANCE_OFFICER, Role.ADMINISTRATOR])
def test_roles_without_the_permission_get_403(client, organisation, role):
    login_staff(client, UserFactory(organisation=organisation, roles=[role]))
    assert client.get(reverse("website:staff-open-assignment-list")).status_code == 403
    assert client.get(reverse("website:staff-open-assignment-create")).status_code == 403


def test_public_user_gets_403_and_anonymous_is_sent_to_login(client, public_user):
    response = client.get(reverse("website:staff-open-assignment-list"))
    assert response.status_code == 302 and "/personal/logga-in/" in response["Location"]
    client.force_login(public_user)
    assert client.get(reverse("website:staff-open-assignment-list")).status_code == 403


def test_staff_creates_and_publishes_through_the_pages(client, organisation, case_officer, unit):
    login_staff(client, case_officer)
    data = {
        "title": "Kontaktperson till ett barn",
        "assignment_type": assignment_type("kontaktperson").pk,
        "target_group": target_group("barn-och-unga").pk,
        "age_band": "7-12",
        "carer_gender": "any",
        "area": "Ekbyhamn",
        "interests": "",
        "scope": "2 träffar i månaden",
        "start_wish": "",
        "description": "Ett barn söker en trygg vuxen.",
        "responsible_unit": unit.pk,
    }
    response = client.post(reverse("website:staff-open-assignment-create"), data)
    assert response.status_code == 302
    listing = OpenAssignment.objects.get(organisation=organisation)
    assert listing.published is False
    client.post(reverse("website:staff-open-assignment-publish", args=[listing.public_id]))
    listing.refresh_from_db()
    assert listing.published is True
    client.post(reverse("website:staff-open-assignment-unpublish", args=[listing.public_id]))
    listing.refresh_from_db()
    assert listing.published is False


def test_staff_form_shows_messages_next_to_fields_and_keeps_input(
    client, organisation, case_officer
):
    login_staff(client, case_officer)
    response = client.post(
        reverse("website:staff-open-assignment-create"), {"title": "Halvfärdigt", "area": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="ds-error-summary"' in html
    assert 'id="id_area_error"' in html
    assert 'value="Halvfärdigt"' in html
    assert OpenAssignment.objects.count() == 0


def test_publish_for_protected_identity_through_the_page_shows_an_error(
    client, organisation, case_officer
):
    listing = OpenAssignmentFactory(organisation=organisation, client_has_protected_identity=True)
    login_staff(client, case_officer)
    response = client.post(
        reverse("website:staff-open-assignment-publish", args=[listing.public_id]), follow=True
    )
    assert "skyddade personuppgifter" in response.content.decode()
    listing.refresh_from_db()
    assert listing.published is False


def test_another_organisations_listing_is_not_found(client, other_organisation, case_officer):
    foreign = OpenAssignmentFactory(organisation=other_organisation, live=True)
    login_staff(client, case_officer)
    assert (
        client.get(
            reverse("website:staff-open-assignment-edit", args=[foreign.public_id])
        ).status_code
        == 404
    )
    response = client.post(
        reverse("website:staff-open-assignment-unpublish", args=[foreign.public_id])
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.published is True
    assert (
        foreign.title
        not in client.get(reverse("website:staff-open-assignment-list")).content.decode()
    )
