"""The gatekeeper, the pool search and its pages, and query counts."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.carers import selectors, services
from brygga.carers.constants import CarerStatus, CheckKind, CheckOutcome
from brygga.carers.permissions import access_carer
from brygga.carers.selectors import CarerFilters
from brygga.carers.services import CheckSpec

from .factories import make_carer

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(organisation):
    return UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER])


def test_gatekeeper_returns_the_carer_and_audits_once(organisation, case_officer):
    carer = make_carer(organisation)
    found = access_carer(user=case_officer, public_id=carer.public_id, purpose="Matchning")
    assert found == carer
    reads = AuditEvent.objects.filter(event_type=AuditEventType.CARER_RECORD_VIEWED)
    assert reads.count() == 1
    read = reads.get()
    assert (read.actor, read.person_id, read.purpose) == (
        case_officer,
        str(carer.public_id),
        "Matchning",
    )


def test_case_officer_of_another_organisation_gets_not_found(organisation, other_organisation):
    carer = make_carer(organisation)
    stranger = UserFactory(organisation=other_organisation, roles=[Role.CASE_OFFICER])
    with pytest.raises(Http404):
        access_carer(user=stranger, public_id=carer.public_id, purpose="x")
    with pytest.raises(Http404):
        access_carer(user=stranger, public_id="not-a-uuid", purpose="x")
    assert not AuditEvent.objects.filter(event_type=AuditEventType.CARER_RECORD_VIEWED).exists()


def test_finance_officer_without_the_permission_is_refused(client, organisation):
    carer = make_carer(organisation)
    finance = UserFactory(organisation=organisation, roles=[Role.FINANCE_OFFICER])
    with pytest.raises(PermissionDenied):
        access_carer(user=finance, public_id=carer.public_id, purpose="x")
    login_staff(client, finance)
    assert client.get(reverse("carers:carer-detail", args=[carer.public_id])).status_code == 403
    assert client.get(reverse("carers:carer-list")).status_code == 403
    assert not AuditEvent.objects.filter(event_type=AuditEventType.CARER_RECORD_VIEWED).exists()


def test_detail_page_reads_through_the_gatekeeper(client, organisation, other_organisation):
    carer = make_carer(organisation, languages=["finska"])
    officer = UserFactory(organisation=organisation, roles=[Role.CASE_OFFICER])
    login_staff(client, officer)
    response = client.get(reverse("carers:carer-detail", args=[carer.public_id]))
    assert response.status_code == 200
    assert carer.full_name in response.content.decode()
    assert b"Pausa" not in response.content  # case officers may not change status
    assert (
        AuditEvent.objects.filter(
            event_type=AuditEventType.CARER_RECORD_VIEWED, actor=officer
        ).count()
        == 1
    )
    foreign = make_carer(other_organisation)
    assert client.get(reverse("carers:carer-detail", args=[foreign.public_id])).status_code == 404


def test_pause_and_deregister_from_the_detail_page(client, organisation, recruiter):
    carer = make_carer(organisation)
    login_staff(client, recruiter)
    url = reverse("carers:carer-pause", args=[carer.public_id])
    response = client.post(url, {"pause-reason": "Semester"})
    assert response.status_code == 302
    carer.refresh_from_db()
    assert carer.status == CarerStatus.PAUSED
    response = client.post(reverse("carers:carer-deregister", args=[carer.public_id]), {})
    assert response.status_code == 400
    assert "Skriv varför uppdragstagaren avregistreras." in response.content.decode()
    client.post(reverse("carers:carer-resume", args=[carer.public_id]))
    carer.refresh_from_db()
    assert carer.status == CarerStatus.AVAILABLE
    case_officer = UserFactory(organisation=organisation, roles=[Role.CASE_OFFICER])
    login_staff(client, case_officer)
    assert client.post(url, {"pause-reason": ""}).status_code == 403


def test_pool_filters(organisation, other_organisation):
    today = timezone.localdate()
    anna = make_carer(
        organisation,
        first_name="Anna",
        types=("kontaktfamilj",),
        city="Norra Ekby",
        postal_code="123 70",
        languages=["svenska", "Arabiska"],
        has_car=True,
    )
    bo = make_carer(
        organisation,
        first_name="Bo",
        types=("ledsagare",),
        group="funktionsnedsattning",
        city="Lunden",
        postal_code="124 10",
        languages=["somaliska"],
        checks=[
            CheckSpec(
                CheckKind.LSS_EXTRACT_2010_479,
                today - timedelta(days=340),
                today - timedelta(days=340),
                CheckOutcome.NO_ENTRY,
            )
        ],
    )
    paused = make_carer(organisation, first_name="Cia")
    services.carer_pause(carer=paused, actor=None)
    gone = make_carer(organisation, first_name="Dan")
    services.carer_deregister(carer=gone, reason="Flyttat", actor=None)
    make_carer(other_organisation, first_name="Grannby", languages=["arabiska"])

    def names(**filters):
        found = selectors.carer_list(organisation=organisation, filters=CarerFilters(**filters))
        return sorted(c.first_name for c in found)

    assert names() == ["Anna", "Bo", "Cia"]
    assert names(assignment_type="kontaktfamilj") == ["Anna"]
    assert names(target_group="funktionsnedsattning") == ["Bo"]
    assert names(area="norra") == ["Anna"]
    assert names(area="124") == ["Bo"]
    assert names(area="1237") == ["Anna"]
    assert names(language="ARAB") == ["Anna"]
    assert names(has_car=True) == ["Anna"]
    assert names(has_car=False) == ["Bo", "Cia"]
    assert names(status=CarerStatus.PAUSED) == ["Cia"]
    assert names(status=CarerStatus.DEREGISTERED) == ["Dan"]
    assert names(expiring=True) == ["Bo"]
    assert [
        r.carer for r in selectors.carer_list_expiring(organisation=organisation, within_days=60)
    ] == [bo]
    assert anna.languages_search == "|svenska|arabiska|"


def test_a_revoked_or_ended_approval_does_not_match_the_type(organisation):
    carer = make_carer(organisation, types=("avlosare",))
    services.carer_approval_revoke(approval=carer.approvals.get(), reason="x", actor=None)
    make_carer(
        organisation,
        types=("avlosare",),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    filters = CarerFilters(assignment_type="avlosare")
    assert not selectors.carer_list(organisation=organisation, filters=filters).exists()


def _pool_queries(client, url):
    client.get(url)  # warm up: the session's first request writes its last-activity time
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pool_page_costs_the_same_for_5_and_50_carers(client, organisation, recruiter):
    login_staff(client, recruiter)
    for _ in range(5):
        make_carer(organisation, types=("kontaktperson", "ledsagare"))
    url = reverse("carers:carer-list") + "?upphor=on&sprak=svenska"
    plain = reverse("carers:carer-list")
    small, small_plain = _pool_queries(client, url), _pool_queries(client, plain)
    for _ in range(45):
        make_carer(organisation, types=("kontaktperson", "ledsagare"))
    assert _pool_queries(client, url) == small
    assert _pool_queries(client, plain) == small_plain
    # each page view is logged once
    assert AuditEvent.objects.filter(event_type=AuditEventType.CARER_LIST_VIEWED).count() == 8


def test_expiring_page_costs_the_same_for_5_and_50(client, organisation, recruiter):
    login_staff(client, recruiter)
    soon = timezone.localdate() + timedelta(days=10)

    def add(n):
        for _ in range(n):
            make_carer(organisation, valid_until=soon)

    add(5)
    url = reverse("carers:carer-expiring")
    small = _pool_queries(client, url)
    add(45)
    assert _pool_queries(client, url) == small
    assert client.get(url).content.decode().count("Godkännande:") == 50


def test_pool_page_shows_filters_and_flags(client, organisation, recruiter, other_organisation):
    make_carer(
        organisation,
        first_name="Ella",
        valid_until=timezone.localdate() + timedelta(days=5),
        languages=["persiska"],
    )
    make_carer(other_organisation, first_name="Främling")
    login_staff(client, recruiter)
    content = client.get(reverse("carers:carer-list")).content.decode()
    assert "Ella" in content and "Främling" not in content
    assert "Upphör snart" in content and "persiska" in content
    assert 'name="typ"' in content and 'name="omrade"' in content
