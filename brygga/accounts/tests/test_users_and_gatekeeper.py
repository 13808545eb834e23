from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.models import User
from brygga.accounts.roles import ROLE_PERMISSIONS, roles_sync
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_reading_a_person_through_the_gatekeeper_leaves_exactly_one_event(
    client, manager, public_user
):
    login_staff(client, manager)
    before = AuditEvent.objects.count()
    response = client.get(reverse("accounts:user-detail", args=[public_user.public_id]))
    assert response.status_code == 200
    assert public_user.email in response.content.decode()
    events = AuditEvent.objects.order_by("id")[before:]
    assert [e.event_type for e in events] == [AuditEventType.USER_RECORD_VIEWED]
    event = events[0]
    assert event.actor == manager
    assert event.person_id == str(public_user.public_id)
    assert event.purpose == "Visa användaruppgifter"
    assert event.request_id


def test_staff_of_another_organisation_gets_not_found(client, other_organisation, public_user):
    stranger = UserFactory(organisation=other_organisation, roles=[Role.MANAGER])
    login_staff(client, stranger)
    response = client.get(reverse("accounts:user-detail", args=[public_user.public_id]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.USER_RECORD_VIEWED, actor=stranger
    ).exists()


def test_role_without_permission_is_refused(client, case_officer, public_user):
    login_staff(client, case_officer)
    assert client.get(reverse("accounts:user-list")).status_code == 403
    response = client.get(reverse("accounts:user-detail", args=[public_user.public_id]))
    assert response.status_code == 403


def test_user_list_shows_only_own_organisation(client, manager, other_organisation):
    UserFactory(organisation=other_organisation, email="granne@test.example")
    login_staff(client, manager)
    page = client.get(reverse("accounts:user-list")).content.decode()
    assert manager.email in page
    assert "granne@test.example" not in page


def test_user_list_query_count_does_not_grow_with_rows(
    client, manager, organisation, unit, django_assert_max_num_queries
):
    login_staff(client, manager)
    client.get(reverse("accounts:user-list"))  # the first request also writes the session
    UserFactory.create_batch(3, organisation=organisation, roles=[Role.CASE_OFFICER], units=[unit])
    with django_assert_max_num_queries(50) as few:
        client.get(reverse("accounts:user-list"))
    UserFactory.create_batch(30, organisation=organisation, roles=[Role.CASE_OFFICER], units=[unit])
    with django_assert_max_num_queries(50) as many:
        client.get(reverse("accounts:user-list"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_roles_hold_exactly_their_permissions():
    roles_sync()
    for role, perms in ROLE_PERMISSIONS.items():
        user = UserFactory(roles=[role])
        user = User.objects.get(pk=user.pk)  # fresh permission cache
        held = set(user.get_all_permissions())
        assert held == set(perms), role


def test_code_checks_permissions_not_group_names(client, organisation, public_user):
    """A custom group with the permission works exactly like the manager role."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Granskare (lokal roll)")
    group.permissions.add(Permission.objects.get(codename="view_user"))
    reviewer = UserFactory(organisation=organisation)
    reviewer.groups.add(group)
    login_staff(client, reviewer)
    response = client.get(reverse("accounts:user-detail", args=[public_user.public_id]))
    assert response.status_code == 200
