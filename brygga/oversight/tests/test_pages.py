"""The oversight pages: who may see what (case officers not the register or the report,
managers only their units), partial implementation and IVO's free text through the entry
page (audited, history kept), the statistics with a table and a CSV per chart in a fixed
number of queries, and the weekly digest without names."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.models import AuditEvent
from brygga.carers.tests.factories import make_carer
from brygga.clients.tests.factories import make_client, make_decision
from brygga.oversight import statistics
from brygga.oversight.models import EntryNote, PartialImplementation

from .test_unimplemented import offer, on, start

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 1)


@pytest.fixture
def scene(time_machine, organisation, unit, case_officer, manager):
    """Two units: a waiting decision in each, one implemented decision in ours."""
    on(time_machine, date(2026, 1, 10))
    other_unit = UnitFactory(organisation=organisation, name="LSS-enheten")
    other_officer = UserFactory(
        organisation=organisation, roles=[Role.CASE_OFFICER], units=[other_unit]
    )
    ours = make_client(
        organisation, unit, case_officer, last_name="Vårsson", responsible_officer=case_officer
    )
    theirs = make_client(organisation, other_unit, other_officer, last_name="Derasson")
    found = {"started": make_decision(ours, case_officer, decision_date=date(2026, 1, 10))}
    on(time_machine, date(2026, 2, 1))
    found["ours"] = make_decision(ours, case_officer, decision_date=date(2026, 2, 1))
    found["theirs"] = make_decision(theirs, other_officer, decision_date=date(2026, 2, 1))
    carer = make_carer(organisation, types=("kontaktperson",), group=None)
    start(time_machine, found["started"], carer, case_officer, date(2026, 2, 15))
    on(time_machine, date(2026, 4, 10))
    found["soon"] = make_decision(ours, case_officer, decision_date=date(2026, 4, 10))
    declined_carer = make_carer(organisation, types=("kontaktperson",), group=None)
    offer(found["ours"], declined_carer, case_officer, accept=False)
    on(time_machine, TODAY)
    found["started"].refresh_from_db()
    return found


def test_a_case_officer_sees_neither_the_register_nor_the_report(scene, client, case_officer):
    login_staff(client, case_officer)
    for url in (
        "/personal/tillsyn/",
        "/personal/tillsyn/register/",
        f"/personal/tillsyn/register/{scene['ours'].public_id}/",
        "/personal/tillsyn/kvartal/",
        "/personal/tillsyn/kvartal/2026/2/",
        "/personal/tillsyn/kvartal/2026/2/csv/",
        "/personal/tillsyn/statistik/",
    ):
        assert client.get(url).status_code == 403, url


def test_a_manager_without_the_reporter_permission_sees_no_report(scene, client, manager):
    login_staff(client, manager)
    assert client.get("/personal/tillsyn/register/").status_code == 200
    assert client.get("/personal/tillsyn/kvartal/2026/2/").status_code == 403
    assert client.post("/personal/tillsyn/kvartal/2026/2/").status_code == 403


def test_the_register_shows_only_the_managers_units(scene, client, manager):
    login_staff(client, manager)
    page = client.get("/personal/tillsyn/register/").content.decode()
    assert str(scene["ours"].public_id) in page
    assert str(scene["theirs"].public_id) not in page
    # Becomes reportable on 10 July: a warning.
    assert str(scene["soon"].public_id) in page
    assert client.get(f"/personal/tillsyn/register/{scene['theirs'].public_id}/").status_code == 404
    event = AuditEvent.objects.filter(event_type="oversight.register_viewed").last()
    assert event.actor == manager


def test_the_register_is_paged_and_keeps_the_chosen_date(
    scene, client, manager, monkeypatch, case_officer
):
    from brygga.oversight import views

    second = make_decision(
        scene["ours"].client, case_officer, decision_date=date(2026, 2, 2)
    )  # waiting too: two open entries in the manager's unit
    monkeypatch.setattr(views, "REGISTER_PAGE_SIZE", 1)
    login_staff(client, manager)
    first_page = client.get("/personal/tillsyn/register/?datum=2026-07-01").content.decode()
    second_page = client.get("/personal/tillsyn/register/?datum=2026-07-01&page=2").content.decode()
    assert "2 poster" in first_page
    assert "Sida 1 av 2" in first_page
    assert "?datum=2026-07-01&amp;page=2" in first_page
    ids = (str(scene["ours"].public_id), str(second.public_id))
    assert sum(i in first_page for i in ids) == 1
    assert sum(i in second_page for i in ids) == 1
    assert [i in first_page for i in ids] != [i in second_page for i in ids]
    assert "De 1 närmaste av" not in first_page  # one warning: shown in full


def test_free_text_is_saved_with_its_history(scene, client, manager):
    login_staff(client, manager)
    decision = scene["ours"]
    key = f"not_implemented:{decision.public_id}:2026-02-01"
    prefix = key.replace(":", "-")
    url = f"/personal/tillsyn/register/{decision.public_id}/uppgifter/"
    for reason in ("Brist på kontaktpersoner", "Brist på kontaktpersoner; ett avböjt"):
        response = client.post(
            url,
            {
                "entry": key,
                f"{prefix}-entry_key": key,
                f"{prefix}-delay_reason": reason,
                f"{prefix}-consequences": "Isolerad",
                f"{prefix}-interim_support": "Samtal varannan vecka",
            },
        )
        assert response.status_code == 302
    note = EntryNote.objects.get(entry_key=key)
    assert note.delay_reason == "Brist på kontaktpersoner; ett avböjt"
    assert [r.delay_reason for r in note.revisions.all()] == [
        "Brist på kontaktpersoner; ett avböjt",
        "Brist på kontaktpersoner",
    ]
    events = AuditEvent.objects.filter(event_type="oversight.entry_note_saved")
    assert events.count() == 2
    assert "Brist" not in str(events.last().changes)
    page = client.get(f"/personal/tillsyn/register/{decision.public_id}/").content.decode()
    assert "avböjt" in page  # the declined offer is listed on the entry
    # A key that is not one of the decision's entries is refused.
    response = client.post(url, {"entry": f"not_implemented:{decision.public_id}:2020-01-01"})
    assert response.status_code == 404


def test_a_case_officer_cannot_write_to_the_register(scene, client, case_officer):
    login_staff(client, case_officer)
    decision = scene["started"]
    response = client.post(
        f"/personal/tillsyn/register/{decision.public_id}/delvis/",
        {"since": "2026-02-15", "not_implemented": "2 av 4"},
    )
    assert response.status_code == 403
    assert not PartialImplementation.objects.exists()


def test_partial_implementation_is_marked_and_closed_on_the_entry_page(scene, client, manager):
    login_staff(client, manager)
    decision = scene["started"]
    url = f"/personal/tillsyn/register/{decision.public_id}/"
    # Bad input: the message is next to the field, and what was typed is kept.
    response = client.post(f"{url}delvis/", {"since": "2026-02-15", "not_implemented": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv vad som inte verkställts." in body
    assert 'value="2026-02-15"' in body
    response = client.post(
        f"{url}delvis/", {"since": "2026-02-15", "not_implemented": "2 av 4 träffar per månad"}
    )
    assert response.status_code == 302
    partial = PartialImplementation.objects.get(decision=decision)
    page = client.get("/personal/tillsyn/register/").content.decode()
    assert str(decision.public_id) in page  # reportable since 10 April (decision + 3 months)
    response = client.post(
        f"{url}delvis/{partial.public_id}/avsluta/",
        {"closed_on": "2026-06-30", "reason": "need_ended"},
    )
    assert response.status_code == 302
    partial.refresh_from_db()
    assert (partial.closed_on, partial.closed_reason) == (date(2026, 6, 30), "need_ended")
    assert str(decision.public_id) not in client.get("/personal/tillsyn/register/").content.decode()
    kinds = set(
        AuditEvent.objects.filter(event_type__startswith="oversight.partial").values_list(
            "event_type", flat=True
        )
    )
    assert kinds == {"oversight.partial_marked", "oversight.partial_closed"}


def test_the_statistics_have_a_table_and_a_csv_per_chart(scene, client, manager):
    login_staff(client, manager)
    response = client.get("/personal/tillsyn/statistik/?fran=2026-01&till=2026-06")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<svg class="chart"') == len(statistics.CHARTS)
    for chart in statistics.CHARTS:
        assert f'id="table-{chart.slug}"' in body
        assert f'aria-describedby="table-{chart.slug}"' in body
        download = client.get(f"/personal/tillsyn/statistik/{chart.slug}.csv?fran=2026-01")
        assert download.status_code == 200
        assert download["Content-Type"].startswith("text/csv")
    assert "<script" not in body.split("</head>")[1].replace('<script src="', "")
    bad = client.get("/personal/tillsyn/statistik/?fran=2026-06&till=2026-01")
    assert "Slutmånaden kan inte vara före startmånaden." in bad.content.decode()


def test_the_charts_aggregate_in_sql(scene, organisation, time_machine, case_officer):
    filters = statistics.StatsFilters(
        organisation=organisation, units=None, start=date(2026, 1, 1), end=date(2026, 6, 30)
    )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            for chart in statistics.CHARTS:
                chart.compute(filters)
        return len(captured)

    few = queries()
    unit = scene["ours"].client.unit
    on(time_machine, date(2026, 2, 3))
    for index in range(4):
        extra = make_client(organisation, unit, case_officer, last_name=f"Extra{index}")
        make_decision(extra, case_officer, decision_date=date(2026, 2, 1) - timedelta(index))
    on(time_machine, TODAY)
    assert queries() == few
    waiting = statistics.gap_by_type(filters)
    assert waiting.series[0].values[waiting.categories.index("Kontaktperson")] == 7


def test_the_weekly_digest_has_counts_and_links_but_no_names(scene, manager, case_officer):
    call_command("oversight_digest", "--now")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) >= {manager.email, case_officer.email}
    body = by_recipient[manager.email].body
    assert "1 post är rapporteringspliktig till IVO." in body
    assert "/personal/tillsyn/register/" in by_recipient[manager.email].body
    assert "/personal/klienter/?mina=on" in by_recipient[case_officer.email].body
    for message in mail.outbox:
        for name in ("Vårsson", "Derasson", "Testa"):
            assert name not in message.body


def test_the_digest_task_is_enqueued_by_the_command(scene):
    call_command("oversight_digest")  # the test settings run tasks at once
    assert len(mail.outbox) >= 2


def test_the_reporter_permission_is_given_to_a_person(manager):
    from brygga.accounts.roles import ROLE_PERMISSIONS

    assert all("oversight.report_quarter" not in perms for perms in ROLE_PERMISSIONS.values())
    assert manager.has_perm("oversight.view_unimplemented")
    assert not manager.has_perm("oversight.report_quarter")
    manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="oversight", codename="report_quarter")
    )
    manager = type(manager).objects.get(pk=manager.pk)
    assert manager.has_perm("oversight.report_quarter")
