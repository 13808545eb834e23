"""Dated scenarios built through the real services, checked through the stable interface: the
management command and `GET /api/v1/oversight/unimplemented/`. Each shows exactly which
decisions are listed on a date, with the exact keys and never a name."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.assignments import services as assignments
from brygga.assignments.constants import EndReason, Party
from brygga.assignments.models import Assignment
from brygga.audit.models import AuditEvent
from brygga.carers.tests.factories import make_carer
from brygga.clients.services import decision_mark_ended
from brygga.clients.tests.factories import basis_for, make_client, make_decision
from brygga.oversight import selectors
from brygga.oversight.api.serializers import UnimplementedEntrySerializer
from brygga.oversight.register import ENTRY_KEYS

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 7, 1)
URL = "/api/v1/oversight/unimplemented/"
NAMES = ("Testa", "Klientsson", "Reserv", "Grannbysson")


def on(time_machine, day: date) -> None:
    """Perform the next steps on `day` (noon, Swedish time)."""
    time_machine.move_to(datetime.combine(day, time(12), tzinfo=ZoneInfo("Europe/Stockholm")))


def offer(decision, carer, officer, *, accept: bool):
    made = assignments.offer_make(
        decision=decision,
        carer=carer,
        brief="Kontaktperson för en tonåring.",
        rank=1,
        actor=officer,
    )
    assignments.offer_respond(offer=made, accept=accept, note="", actor=carer.user)
    return made


def start(time_machine, decision, carer, officer, day: date) -> Assignment:
    on(time_machine, day)
    made = offer(decision, carer, officer, accept=True)
    assignment = Assignment.objects.get(offer=made)
    assignments.assignment_first_meeting(assignment=assignment, on=day, actor=officer)
    assignments.assignment_confirm(assignment=assignment, party=Party.CARER, actor=carer.user)
    assignments.assignment_confirm(assignment=assignment, party=Party.CLIENT, actor=officer)
    assignments.assignment_start(assignment=assignment, started_on=day, actor=officer)
    return assignment


def decided(time_machine, client, officer, day: date, **fields):
    on(time_machine, day)
    return make_decision(client, officer, decision_date=day, **fields)


@pytest.fixture
def world(time_machine, organisation, other_organisation, unit, case_officer):
    """Ekby kommun on 1 July 2026 (as_of), and Grannby kommun next door."""
    on(time_machine, date(2025, 11, 1))
    carers = [make_carer(organisation, types=("kontaktperson",), group=None) for _ in range(4)]
    client = make_client(organisation, unit, case_officer)
    reserve = make_client(
        organisation, unit, case_officer, identifier="20150312-T123", first_name="Reserv"
    )
    found = {}
    # Decided more than three months ago and never started.
    found["never_started"] = decided(time_machine, reserve, case_officer, date(2026, 3, 1))
    # Offers made, all declined: still waiting.
    found["declined_only"] = decided(time_machine, client, case_officer, date(2026, 3, 15))
    on(time_machine, date(2026, 4, 1))
    offer(found["declined_only"], carers[0], case_officer, accept=False)
    offer(found["declined_only"], carers[1], case_officer, accept=False)
    # Started the day before its deadline (reportable 10 June).
    found["started_in_time"] = decided(time_machine, client, case_officer, date(2026, 3, 10))
    start(time_machine, found["started_in_time"], carers[2], case_officer, date(2026, 6, 9))
    # Started, then interrupted more than three months before as_of.
    found["interrupted"] = decided(time_machine, client, case_officer, date(2025, 12, 1))
    assignment = start(
        time_machine, found["interrupted"], carers[3], case_officer, date(2026, 1, 10)
    )
    on(time_machine, date(2026, 3, 20))
    assignments.assignment_interrupt(
        assignment=assignment,
        on=date(2026, 3, 20),
        cause="Uppdragstagaren sjuk",
        actor=case_officer,
    )
    # Reportable from 1 May; closed on 20 May because the need ended.
    found["need_ended"] = decided(time_machine, client, case_officer, date(2026, 2, 1))
    on(time_machine, date(2026, 5, 20))
    decision_mark_ended(
        decision=found["need_ended"],
        ended_on=date(2026, 5, 20),
        reason="Behovet har upphört",
        actor=case_officer,
    )
    # An LVU kontaktperson is not reported to IVO as ej verkställt.
    lvu = basis_for(date(2026, 1, 5), "lvu")
    found["lvu"] = decided(
        time_machine,
        client,
        case_officer,
        date(2026, 1, 5),
        legal_basis=lvu,
        consent="not_required_lvu",
        consent_recorded_on=None,
    )
    # Another organisation's waiting decision.
    other_unit = UnitFactory(organisation=other_organisation)
    other_officer = UserFactory(
        organisation=other_organisation, roles=[Role.CASE_OFFICER], units=[other_unit]
    )
    neighbour = make_client(other_organisation, other_unit, other_officer, last_name="Grannbysson")
    found["other_organisation"] = decided(time_machine, neighbour, other_officer, date(2026, 1, 2))
    on(time_machine, AS_OF)
    return found


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("unimplemented_decisions", *args, stdout=out)
    return out.getvalue()


def register_json(organisation, as_of: date = AS_OF) -> list[dict]:
    return json.loads(
        run_command("--as-of", as_of.isoformat(), "--json", "--organisation", str(organisation.pk))
    )


def ids(world, *names):
    return [str(world[name].public_id) for name in names]


def test_the_command_lists_exactly_the_open_entries(world, organisation):
    rows = register_json(organisation)
    assert [row["decision_id"] for row in rows] == ids(
        world, "never_started", "declined_only", "interrupted"
    )
    by_id = {row["decision_id"]: row for row in rows}
    assert by_id[str(world["never_started"].public_id)] == {
        "decision_id": str(world["never_started"].public_id),
        "client_ref": "20150312-T123",
        "law": "sol",
        "assignment_type": "kontaktperson",
        "decision_date": "2026-03-01",
        "interruption_date": None,
        "days_waiting": 122,
        "reportable_since": "2026-06-01",
    }
    interrupted = by_id[str(world["interrupted"].public_id)]
    assert interrupted["decision_date"] == "2025-12-01"
    assert interrupted["interruption_date"] == "2026-03-20"
    assert interrupted["reportable_since"] == "2026-06-20"
    assert interrupted["days_waiting"] == (AS_OF - date(2026, 3, 20)).days
    declined = by_id[str(world["declined_only"].public_id)]
    assert declined["reportable_since"] == "2026-06-15"
    for row in rows:
        assert tuple(row) == ENTRY_KEYS


def test_no_name_leaves_the_register(world, organisation):
    text = run_command(
        "--as-of", AS_OF.isoformat(), "--json", "--organisation", str(organisation.pk)
    )
    assert text.strip().startswith("[")
    for name in NAMES:
        assert name not in text


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # The interrupted decision started on 10 January, before its own deadline (1 March):
        # only its avbrott counts, from 20 June.
        (date(2026, 2, 28), []),
        (date(2026, 5, 31), []),
        (date(2026, 6, 1), ["never_started"]),
        (date(2026, 5, 1), ["need_ended"]),
        (date(2026, 5, 19), ["need_ended"]),
        (date(2026, 5, 20), []),
        (date(2026, 6, 10), ["never_started"]),
        (date(2026, 6, 15), ["never_started", "declined_only"]),
        (date(2026, 6, 19), ["never_started", "declined_only"]),
        (date(2026, 6, 20), ["never_started", "declined_only", "interrupted"]),
    ],
)
def test_which_decisions_are_listed_on_each_date(world, organisation, as_of, expected):
    rows = register_json(organisation, as_of)
    assert [row["decision_id"] for row in rows] == ids(world, *expected)


def test_the_need_ended_decision_is_listed_as_closed_in_the_next_report_only(world, organisation):
    q1, q2, q3 = date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)
    (closed,) = selectors.unimplemented_closed_between(
        after=q1, until=q2, organisation=organisation
    )
    assert closed.decision_id == str(world["need_ended"].public_id)
    assert closed.closed_on == date(2026, 5, 20)
    assert closed.closed_reason == "decision_ended"
    assert closed.closed_note == "Behovet har upphört"
    assert (
        selectors.unimplemented_closed_between(after=q2, until=q3, organisation=organisation) == []
    )


def test_resuming_closes_the_interruption_and_the_day_counts(
    world, organisation, time_machine, case_officer
):
    assignment = world["interrupted"].assignments.get()
    on(time_machine, date(2026, 7, 10))
    assignments.assignment_resume(assignment=assignment, on=date(2026, 7, 10), actor=case_officer)
    assert ids(world, "interrupted")[0] in [
        r["decision_id"] for r in register_json(organisation, date(2026, 7, 9))
    ]
    assert ids(world, "interrupted")[0] not in [
        r["decision_id"] for r in register_json(organisation, date(2026, 7, 10))
    ]


def test_ending_the_interrupted_assignment_because_the_need_ended_closes_it(
    world, organisation, time_machine, case_officer
):
    assignment = world["interrupted"].assignments.get()
    on(time_machine, date(2026, 7, 10))
    assignments.assignment_end(
        assignment=assignment,
        on=date(2026, 7, 10),
        reason=EndReason.NEED_ENDED,
        note="",
        actor=case_officer,
    )
    listed = [r["decision_id"] for r in register_json(organisation, date(2026, 7, 10))]
    assert ids(world, "interrupted")[0] not in listed
    (closed,) = [
        e
        for e in selectors.unimplemented_closed_between(
            after=date(2026, 6, 30), until=date(2026, 9, 30), organisation=organisation
        )
        if e.interruption_date
    ]
    assert (closed.closed_on, closed.closed_reason) == (date(2026, 7, 10), "assignment_ended")


def test_a_rematch_leaves_the_interruption_open(world, organisation, time_machine, case_officer):
    assignment = world["interrupted"].assignments.get()
    on(time_machine, date(2026, 7, 10))
    assignments.assignment_rematch(
        assignment=assignment, on=date(2026, 7, 10), note="Ny kontaktperson", actor=case_officer
    )
    listed = [r["decision_id"] for r in register_json(organisation, date(2026, 8, 1))]
    assert ids(world, "interrupted")[0] in listed


def test_the_register_costs_the_same_queries_for_few_and_many_rows(
    world, organisation, unit, case_officer, time_machine
):
    with CaptureQueriesContext(connection) as few:
        selectors.unimplemented_open_on(as_of=AS_OF, organisation=organisation)
    client = make_client(organisation, unit, case_officer)
    for day in (date(2026, 2, 2), date(2026, 2, 3), date(2026, 2, 4)):
        decided(time_machine, client, case_officer, day)
    on(time_machine, AS_OF)
    with CaptureQueriesContext(connection) as many:
        entries = selectors.unimplemented_open_on(as_of=AS_OF, organisation=organisation)
    assert len(entries) == 6
    assert len(few) == len(many) == 4


# --- The command's arguments -----------------------------------------------------------------


def test_a_malformed_date_is_a_clear_error(world, organisation):
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        run_command("--as-of", "1/7/2026", "--json", "--organisation", str(organisation.pk))


def test_with_several_organisations_one_must_be_chosen(world):
    with pytest.raises(CommandError, match="--organisation"):
        run_command("--as-of", "2026-07-01", "--json")


def test_an_unknown_organisation_is_an_error(world):
    with pytest.raises(CommandError, match="finns inte"):
        run_command("--as-of", "2026-07-01", "--organisation", "999999")


def test_with_one_organisation_it_is_the_default(organisation, unit, case_officer, time_machine):
    client = make_client(organisation, unit, case_officer)
    waiting = decided(time_machine, client, case_officer, date(2026, 1, 20))
    rows = json.loads(run_command("--as-of", "2026-05-01", "--json"))
    assert [row["decision_id"] for row in rows] == [str(waiting.public_id)]


def test_the_command_is_logged(world, organisation):
    run_command("--as-of", "2026-07-01", "--organisation", str(organisation.pk))
    event = AuditEvent.objects.get(event_type="oversight.register_viewed")
    assert event.actor is None
    assert event.organisation == organisation
    assert event.changes == {"as_of": "2026-07-01", "entries": 3}


def test_the_command_has_a_plain_table_too(world, organisation):
    text = run_command("--as-of", "2026-07-01", "--organisation", str(organisation.pk))
    assert text.splitlines()[0].split("\t") == list(ENTRY_KEYS)
    assert "3 öppna poster 2026-07-01" in text


# --- The API ---------------------------------------------------------------------------------


def test_the_api_answers_the_same_list_as_the_command(client, world, organisation, manager):
    login_staff(client, manager)
    response = client.get(URL, {"as_of": "2026-07-01"})
    assert response.status_code == 200
    assert response.json() == register_json(organisation)
    for name in NAMES:
        assert name not in response.content.decode()


def test_the_api_path_is_stable():
    assert reverse("oversight-api:unimplemented") == URL


def test_every_api_call_is_logged_once(client, world, organisation, administrator):
    login_staff(client, administrator)
    client.get(URL, {"as_of": "2026-07-01"})
    event = AuditEvent.objects.get(event_type="oversight.register_viewed")
    assert event.actor == administrator
    assert event.organisation == organisation
    assert event.changes == {"as_of": "2026-07-01", "entries": 3}


@pytest.mark.parametrize("bad", ["2026-7-1", "01-07-2026", "igår", "2026-02-30"])
def test_a_bad_date_is_400_with_a_swedish_message(client, world, manager, bad):
    login_staff(client, manager)
    response = client.get(URL, {"as_of": bad})
    assert response.status_code == 400
    assert "ÅÅÅÅ-MM-DD" in response.json()["as_of"][0]
    assert not AuditEvent.objects.filter(event_type="oversight.register_viewed").exists()


def test_without_as_of_the_api_answers_for_today(client, world, manager):
    login_staff(client, manager)
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.json()) == 3  # the fixture left the clock on as_of


def test_roles_that_may_see_the_register(client, world, manager, administrator):
    for user in (manager, administrator):
        login_staff(client, user)
        assert client.get(URL, {"as_of": "2026-07-01"}).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.CASE_OFFICER, Role.RECRUITMENT_OFFICER, Role.FINANCE_OFFICER]
)
def test_roles_without_the_permission_get_403(client, world, organisation, unit, role):
    user = UserFactory(organisation=organisation, roles=[role], units=[unit])
    login_staff(client, user)
    assert client.get(URL, {"as_of": "2026-07-01"}).status_code == 403


def test_anonymous_and_public_users_get_no_register(client, world, public_user):
    assert client.get(URL, {"as_of": "2026-07-01"}).status_code in (401, 403)
    client.force_login(public_user)
    assert client.get(URL, {"as_of": "2026-07-01"}).status_code == 403


def test_another_organisation_sees_only_its_own(client, world, other_organisation):
    neighbour_manager = UserFactory(
        organisation=other_organisation, roles=[Role.ADMINISTRATOR], first_name="Nils"
    )
    login_staff(client, neighbour_manager)
    rows = client.get(URL, {"as_of": "2026-07-01"}).json()
    assert [row["decision_id"] for row in rows] == ids(world, "other_organisation")


def test_a_manager_sees_only_the_units_they_belong_to(client, world, organisation):
    elsewhere = UserFactory(
        organisation=organisation,
        roles=[Role.MANAGER],
        units=[UnitFactory(organisation=organisation, name="Vuxna")],
    )
    login_staff(client, elsewhere)
    assert client.get(URL, {"as_of": "2026-07-01"}).json() == []


def test_the_schema_describes_the_entry(client, manager):
    login_staff(client, manager)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][URL]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["as_of"]
    assert set(UnimplementedEntrySerializer().fields) == set(ENTRY_KEYS)


@pytest.mark.parametrize(
    ("after", "until"),
    [
        (date(2025, 12, 31), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 6, 30)),
        (date(2026, 5, 19), date(2026, 5, 20)),
        (date(2026, 6, 8), date(2026, 6, 9)),
        (date(2026, 6, 30), date(2026, 9, 30)),
        (date(2020, 1, 1), date(2030, 12, 31)),
    ],
)
def test_the_closed_list_is_the_same_with_and_without_the_sql_filter(
    world, organisation, after, until
):
    """The SQL pre-filter of `unimplemented_closed_between` only saves work: over every
    decision's full history the pure rules close exactly the same entries in the period."""
    from brygga.oversight.register import closed_between

    everything = selectors.facts_with_history(organisation=organisation)
    expected = closed_between(everything, after, until)
    found = selectors.unimplemented_closed_between(
        after=after, until=until, organisation=organisation
    )
    assert found == expected
    assert all(after < entry.closed_on <= until for entry in found)


def test_the_comparison_above_covers_resumed_and_ended(
    world, organisation, time_machine, case_officer
):
    """The same comparison after the interruption is resumed: a decision ended and an
    avbrott resumed both close entries."""
    from brygga.oversight.register import closed_between

    on(time_machine, date(2026, 8, 3))
    assignment = world["interrupted"].assignments.get()
    assignments.assignment_resume(assignment=assignment, on=date(2026, 8, 3), actor=case_officer)
    after, until = date(2020, 1, 1), date(2030, 12, 31)
    found = selectors.unimplemented_closed_between(
        after=after, until=until, organisation=organisation
    )
    everything = selectors.facts_with_history(organisation=organisation)
    assert found == closed_between(everything, after, until)
    assert {entry.kind for entry in found} == {"not_implemented", "interrupted"}


@pytest.mark.parametrize("as_of", [date(2026, 6, 10), AS_OF, date(2026, 9, 30)])
def test_leaving_out_decisions_without_entries_changes_no_register(world, organisation, as_of):
    """The statistics' SQL filter (`may_have_entries`) leaves out only decisions that never had
    an entry: the register on each date is the same with and without it."""
    from brygga.oversight.register import open_on

    def register(**kwargs):
        return open_on(selectors.facts_with_history(organisation=organisation, **kwargs), as_of)

    everything = selectors.facts_with_history(organisation=organisation)
    fewer = selectors.facts_with_history(organisation=organisation, may_have_entries=True)
    assert len(fewer) < len(everything)  # the decision started in time is left out
    assert register(may_have_entries=True) == register()
    assert register(may_have_entries=True, open_from=as_of) == register()
    assert register()  # something to compare


def _facts_from_models(organisation):
    """The reference for `facts_of`: the same facts read the plain ORM way, through model
    instances and their prefetched history."""
    from django.db.models import Prefetch

    from brygga.assignments.models import Interruption
    from brygga.clients.models import Decision
    from brygga.oversight.constants import REPORTABLE_LAWS
    from brygga.oversight.models import PartialImplementation
    from brygga.oversight.register import DecisionFacts, InterruptionFacts, PartialFacts

    decisions = Decision.objects.filter(
        organisation=organisation, legal_basis__law_area__in=REPORTABLE_LAWS
    ).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.order_by("-created_at", "-id")),
        Prefetch("assignments__interruptions", queryset=Interruption.objects.all()),
        Prefetch("partial_implementations", queryset=PartialImplementation.objects.all()),
    )
    found = {}
    for decision in decisions.select_related("client", "assignment_type", "legal_basis"):
        assignments = list(decision.assignments.all())
        found[str(decision.public_id)] = DecisionFacts(
            decision_id=str(decision.public_id),
            client_ref=decision.client.identifier,
            law=decision.legal_basis.law_area,
            assignment_type=decision.assignment_type.code,
            decision_date=decision.decision_date,
            status=decision.status,
            implemented_on=decision.implemented_on,
            ended_on=decision.ended_on,
            end_reason=decision.end_reason,
            assignment_starts=tuple(
                sorted(a.started_on for a in assignments if a.started_on is not None)
            ),
            interruptions=tuple(
                InterruptionFacts(
                    started_on=interruption.started_on,
                    resumed_on=interruption.resumed_on,
                    assignment_ended_on=assignment.ended_on,
                    assignment_end_reason=assignment.end_reason,
                )
                for assignment in assignments
                for interruption in assignment.interruptions.all()
            ),
            partials=tuple(
                PartialFacts(
                    since=partial.since,
                    not_implemented=partial.not_implemented,
                    closed_on=partial.closed_on,
                    closed_reason=partial.closed_reason,
                )
                for partial in decision.partial_implementations.all()
            ),
        )
    return found


def test_the_flat_loader_reads_the_same_facts_as_the_models(world, organisation):
    """`facts_of` (plain rows, used by every list) agrees with the facts read through model
    instances on every decision, with interruptions and an ended decision among them."""
    from_rows = {
        f.decision_id: f
        for f in selectors.facts_of(selectors.history_scope(organisation=organisation))
    }
    assert from_rows == _facts_from_models(organisation)
    assert any(f.interruptions for f in from_rows.values())
    assert any(f.ended_on for f in from_rows.values())
