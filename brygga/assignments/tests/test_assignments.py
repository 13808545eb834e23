"""Offers and assignments through their services and pages: the IVO clock stops at the
start date, a declined offer leaves the decision waiting, the carer sees only what the
assignment needs."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.assignments import services
from brygga.assignments.constants import AssignmentStatus, EndReason, OfferStatus, Party
from brygga.assignments.models import Assignment, Interruption, Offer
from brygga.carers.constants import CarerStatus
from brygga.carers.services import CheckSpec
from brygga.carers.tests.factories import make_carer
from brygga.clients.constants import DecisionStatus
from brygga.clients.tests.factories import make_client, make_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def decision(organisation, unit, case_officer, today):
    client = make_client(
        organisation, unit, case_officer, area="Centrum", interests="fotboll, bakning"
    )
    return make_decision(
        client, case_officer, decision_date=today - timedelta(days=40), type="kontaktperson"
    )


@pytest.fixture
def carer(organisation, today):
    checks = [
        CheckSpec(kind, today - timedelta(days=30), today - timedelta(days=30), "no_entry")
        for kind in (
            "criminal_record",
            "suspicion_register",
            "social_services",
            "enforcement_authority",
            "children_extract_2013_852",
        )
    ]
    return make_carer(
        organisation, types=("kontaktperson",), group=None, checks=checks, interests="fotboll"
    )


def accept_and_meet(decision, carer, officer, today):
    offer = services.offer_make(
        decision=decision,
        carer=carer,
        brief="Kontaktperson för en tonåring.",
        rank=1,
        actor=officer,
    )
    services.offer_respond(offer=offer, accept=True, note="", actor=carer.user)
    assignment = Assignment.objects.get(offer=offer)
    services.assignment_first_meeting(assignment=assignment, on=today, actor=officer)
    services.assignment_confirm(assignment=assignment, party=Party.CARER, actor=carer.user)
    services.assignment_confirm(assignment=assignment, party=Party.CLIENT, actor=officer)
    return assignment


def test_starting_the_assignment_implements_the_decision_on_the_start_date(
    decision, carer, case_officer, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = accept_and_meet(decision, carer, case_officer, today)
    assert mail.outbox[0].to == [carer.email]
    start_day = today
    services.assignment_start(assignment=assignment, started_on=start_day, actor=case_officer)
    decision.refresh_from_db()
    carer.refresh_from_db()
    assert decision.status == DecisionStatus.IMPLEMENTED
    assert decision.implemented_on == start_day
    assert carer.status == CarerStatus.IN_ASSIGNMENT
    assert [e.kind for e in assignment.events.order_by("id")] == [
        "accepted",
        "first_meeting",
        "confirmed_by_carer",
        "confirmed_by_client",
        "started",
    ]


def test_an_assignment_cannot_start_before_both_sides_confirm(decision, carer, case_officer, today):
    offer = services.offer_make(
        decision=decision, carer=carer, brief="Brief", rank=1, actor=case_officer
    )
    services.offer_respond(offer=offer, accept=True, note="", actor=carer.user)
    assignment = Assignment.objects.get(offer=offer)
    with pytest.raises(ValidationError):
        services.assignment_start(assignment=assignment, started_on=today, actor=case_officer)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ACTIVE


def test_a_declined_offer_leaves_the_decision_waiting(decision, carer, case_officer):
    offer = services.offer_make(
        decision=decision, carer=carer, brief="Brief", rank=1, actor=case_officer
    )
    services.offer_respond(offer=offer, accept=False, note="Har inte tid nu", actor=carer.user)
    offer.refresh_from_db()
    decision.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED
    assert decision.status == DecisionStatus.ACTIVE
    assert not Assignment.objects.exists()


def test_choosing_someone_other_than_the_best_needs_a_reason(decision, carer, case_officer):
    with pytest.raises(ValidationError) as error:
        services.offer_make(
            decision=decision, carer=carer, brief="Brief", rank=2, actor=case_officer
        )
    assert "outside_ranking_reason" in error.value.message_dict
    offer = services.offer_make(
        decision=decision,
        carer=carer,
        brief="Brief",
        rank=2,
        outside_ranking_reason="Familjen önskar samma person som förra året.",
        actor=case_officer,
    )
    assert offer.outside_ranking_reason


def test_interruption_resumption_and_end_are_appended(
    decision, carer, case_officer, today, time_machine
):
    start = today - timedelta(days=30)
    time_machine.move_to(start)
    assignment = accept_and_meet(decision, carer, case_officer, start)
    services.assignment_start(assignment=assignment, started_on=start, actor=case_officer)
    time_machine.move_to(start + timedelta(days=10))
    services.assignment_interrupt(
        assignment=assignment,
        on=start + timedelta(days=10),
        cause="Uppdragstagaren sjuk",
        actor=case_officer,
    )
    assert Interruption.objects.get(assignment=assignment).resumed_on is None
    time_machine.move_to(start + timedelta(days=27))
    services.assignment_resume(
        assignment=assignment, on=start + timedelta(days=27), actor=case_officer
    )
    interruption = Interruption.objects.get(assignment=assignment)
    assert interruption.resumed_on == start + timedelta(days=27)
    time_machine.move_to(today)
    services.assignment_end(
        assignment=assignment, on=today, reason=EndReason.NEED_ENDED, note="", actor=case_officer
    )
    assignment.refresh_from_db()
    carer.refresh_from_db()
    assert assignment.status == AssignmentStatus.ENDED
    assert carer.status == CarerStatus.AVAILABLE
    with pytest.raises(services.AssignmentStateError):
        services.assignment_resume(assignment=assignment, on=today, actor=case_officer)


def test_candidates_rank_the_carer_and_explain_why(client, decision, carer, case_officer):
    login_staff(client, case_officer)
    response = client.get(reverse("assignments:candidates", args=[decision.public_id]))
    assert response.status_code == 200
    rows = response.context["result"].candidates
    assert [r.carer.pk for r in rows] == [carer.pk]
    assert any(reason.verdict == "for" for reason in rows[0].candidate.reasons)
    assert "fotboll" in response.content.decode()


def test_a_carer_without_a_valid_extract_for_children_is_excluded(
    organisation, client, decision, case_officer, today
):
    from brygga.catalogue.models import TargetGroup

    decision.target_group = TargetGroup.objects.get(code="barn-och-unga")
    decision.save(update_fields=["target_group"])
    old = today - timedelta(days=400)
    stale = make_carer(
        organisation,
        types=("kontaktperson",),
        group=None,
        checks=[CheckSpec("children_extract_2013_852", old, old, "no_entry")],
    )
    login_staff(client, case_officer)
    result = client.get(reverse("assignments:candidates", args=[decision.public_id])).context[
        "result"
    ]
    assert stale.pk not in [r.carer.pk for r in result.candidates]
    assert stale.pk in [r.carer.pk for r in result.excluded]


def test_a_case_officer_of_another_unit_cannot_match_the_decision(client, organisation, decision):
    elsewhere = UserFactory(
        organisation=organisation,
        roles=[Role.CASE_OFFICER],
        units=[UnitFactory(organisation=organisation, name="Annan enhet")],
    )
    login_staff(client, elsewhere)
    assert (
        client.get(reverse("assignments:candidates", args=[decision.public_id])).status_code == 404
    )


def test_the_carer_sees_the_offer_but_never_the_clients_personnummer(
    client, decision, carer, case_officer, today
):
    services.offer_make(
        decision=decision, carer=carer, brief="Kontaktperson i Centrum.", rank=1, actor=case_officer
    )
    client.force_login(carer.user)
    page = client.get(reverse("accounts:my-pages")).content.decode()
    assert "Kontaktperson i Centrum." in page
    assert decision.client.identifier not in page
    assert decision.client.last_name not in page


def test_the_carer_accepts_on_mina_sidor(client, decision, carer, case_officer):
    offer = services.offer_make(
        decision=decision, carer=carer, brief="Brief", rank=1, actor=case_officer
    )
    client.force_login(carer.user)
    response = client.post(
        reverse("assignments:offer-respond", args=[offer.public_id]), {"answer": "accept"}
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    other = UserFactory(public=True, organisation=carer.organisation)
    client.force_login(other)
    assert (
        client.post(
            reverse("assignments:offer-respond", args=[offer.public_id]), {"answer": "decline"}
        ).status_code
        == 404
    )


def test_demo_has_running_and_ended_assignments_and_decisions_still_waiting():
    from django.core.management import call_command

    call_command("seed_demo_data")
    statuses = set(Assignment.objects.values_list("status", flat=True))
    assert {AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED, AssignmentStatus.ENDED} <= statuses
    from brygga.clients.models import Decision

    waiting = Decision.objects.filter(
        status=DecisionStatus.ACTIVE,
        decision_date__lte=timezone.localdate() - timedelta(days=92),
    )
    assert waiting.exists()
    assert OfferStatus.DECLINED in set(Offer.objects.values_list("status", flat=True))


def test_the_candidates_api_gives_the_reasons_per_criterion(client, decision, carer, case_officer):
    login_staff(client, case_officer)
    response = client.get(f"/api/v1/decisions/{decision.public_id}/candidates/")
    assert response.status_code == 200
    body = response.json()
    assert body["candidates"][0]["carer"] == str(carer.public_id)
    criteria = {r["criterion"] for r in body["candidates"][0]["reasons"]}
    assert {"distance", "interests", "waiting"} <= criteria
    assert "personal_identity_number" not in response.content.decode()


def test_the_candidates_api_respects_the_unit_scope(client, organisation, decision):
    elsewhere = UserFactory(
        organisation=organisation,
        roles=[Role.CASE_OFFICER],
        units=[UnitFactory(organisation=organisation, name="Tredje enheten")],
    )
    login_staff(client, elsewhere)
    assert client.get(f"/api/v1/decisions/{decision.public_id}/candidates/").status_code == 404


def publish_data(**changes):
    data = {
        "action": "publish",
        "title": "Kontaktperson sökes",
        "age_band": "7-12",
        "carer_gender": "any",
        "area": "Centrum",
        "interests": "fotboll",
        "scope": "2 träffar per månad",
        "start_wish": "Snarast",
        "description": "En glad tioåring som gillar fotboll.",
    }
    return data | changes


def test_publishing_shows_a_preview_first_and_then_the_public_listing(
    client, decision, case_officer
):
    from brygga.website.models import OpenAssignment

    login_staff(client, case_officer)
    url = reverse("assignments:publish", args=[decision.public_id])
    preview = client.post(url, publish_data(action="preview"))
    assert "Så här blir det på webbplatsen" in preview.content.decode()
    assert not OpenAssignment.objects.exists()
    response = client.post(url, publish_data())
    listing = OpenAssignment.objects.get()
    assert listing.published
    assert response["Location"].endswith(f"/aktuella-uppdrag/{listing.public_id}/")
    public = client.get(response["Location"]).content.decode()
    assert decision.client.last_name not in public
    assert decision.client.identifier not in public


def test_a_client_with_protected_identity_is_never_published(
    client, organisation, unit, case_officer
):
    from brygga.website.models import OpenAssignment

    hidden = make_client(organisation, unit, case_officer, protected_identity=True)
    decision = make_decision(hidden, case_officer)
    login_staff(client, case_officer)
    url = reverse("assignments:publish", args=[decision.public_id])
    page = client.get(url).content.decode()
    assert "skyddade personuppgifter" in page
    client.post(url, publish_data())
    assert not OpenAssignment.objects.exists()
    with pytest.raises(ValidationError):
        fields = publish_data()
        del fields["action"]
        services.decision_publish(decision=decision, fields=fields, actor=case_officer)


def test_interests_are_compared_as_keywords_without_filler_words():
    from brygga.assignments.selectors import _keywords

    assert _keywords("Fotboll och bakning, gärna friluftsliv") == (
        "bakning",
        "fotboll",
        "friluftsliv",
    )


def test_after_a_rematch_the_decision_can_be_offered_again(
    organisation, decision, carer, case_officer, today
):
    assignment = accept_and_meet(decision, carer, case_officer, today)
    services.assignment_start(assignment=assignment, started_on=today, actor=case_officer)
    with pytest.raises(ValidationError):
        services.offer_make(decision=decision, carer=carer, brief="Ny", rank=1, actor=case_officer)
    services.assignment_rematch(assignment=assignment, on=today, note="Flyttar", actor=case_officer)
    other = make_carer(organisation, types=("kontaktperson",), group=None)
    offer = services.offer_make(
        decision=decision,
        carer=other,
        brief="Ny uppdragstagare sökes",
        rank=2,
        outside_ranking_reason="Den förra flyttade.",
        actor=case_officer,
    )
    assert offer.status == OfferStatus.PENDING


def test_where_a_protected_client_lives_never_reaches_matching_or_the_carer(
    client, organisation, unit, case_officer, carer
):
    hidden = make_client(
        organisation, unit, case_officer, protected_identity=True, area="Hemliga udden"
    )
    decision = make_decision(hidden, case_officer)
    login_staff(client, case_officer)
    page = client.get(reverse("assignments:candidates", args=[decision.public_id])).content.decode()
    assert "Hemliga udden" not in page
    form = client.get(
        reverse("assignments:offer-create", args=[decision.public_id, carer.public_id])
    ).content.decode()
    assert "Hemliga udden" not in form
