"""The quarter's report to IVO, built from the same dated scenarios as the register: exactly
which decisions are listed for a quarter, as new, återrapport or closed (once), the snapshot
of a reported quarter, the reserve number kept for the reporting period, and the CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from django.contrib.auth.models import Permission

import pytest
from pypdf import PdfReader

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.models import AuditEvent
from brygga.clients.models import Client
from brygga.oversight import reports, services
from brygga.oversight.constants import ReportRowType
from brygga.oversight.models import QuarterReport
from brygga.oversight.quarters import Quarter

from .test_unimplemented import NAMES, on

pytestmark = pytest.mark.django_db

Q2 = Quarter(2026, 2)
Q3 = Quarter(2026, 3)


@pytest.fixture
def reporter(organisation, unit):
    user = UserFactory(
        organisation=organisation, roles=[Role.MANAGER], units=[unit], first_name="Rut"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="oversight", codename="report_quarter")
    )
    return user


def listed(data, *row_types):
    return {row["decision_id"] for row in data.rows if row["row_type"] in row_types}


def ids(world, *names):
    return {str(world[name].public_id) for name in names}


def test_the_second_quarter_lists_exactly_the_waiting_and_the_closed(world, organisation):
    data = reports.quarter_data(organisation=organisation, quarter=Q2)
    # Open on 30 June: decided three months ago and never started; declined offers only;
    # started then interrupted more than three months ago. Not: started the day before
    # its deadline, the LVU decision, another organisation's decision.
    assert listed(data, ReportRowType.NEW) == ids(
        world, "never_started", "declined_only", "interrupted"
    )
    assert listed(data, ReportRowType.REPEATED) == set()
    # Reportable on 1 May, closed on 20 May because the need ended: listed as closed.
    assert listed(data, ReportRowType.CLOSED) == ids(world, "need_ended")
    closed = next(r for r in data.rows if r["row_type"] == ReportRowType.CLOSED)
    assert closed["closed_on"] == "2026-05-20"
    assert closed["closed_reason_label"] == "Beslutet avslutat: Behovet har upphört"
    interrupted = next(r for r in data.rows if r["decision_id"] in ids(world, "interrupted"))
    assert interrupted["interruption_date"] == "2026-03-20"
    assert interrupted["kind"] == "interrupted"
    declined = next(r for r in data.rows if r["decision_id"] in ids(world, "declined_only"))
    assert declined["offers"].count("avböjt") == 2
    assert data.counts["open"] == 3
    assert data.counts["closed"] == 1


def test_the_closed_entry_is_listed_in_the_next_report_only(
    world, organisation, reporter, time_machine
):
    on(time_machine, date(2026, 7, 2))
    first = reports.quarter_data(organisation=organisation, quarter=Q2)
    services.quarter_mark_reported(
        organisation=organisation, quarter=Q2, rows=first.rows, actor=reporter
    )
    on(time_machine, date(2026, 10, 1))
    data = reports.quarter_data(organisation=organisation, quarter=Q3)
    assert data.previous is not None and data.previous.quarter == 2
    assert listed(data, ReportRowType.CLOSED, ReportRowType.IMPLEMENTED) == set()
    assert listed(data, ReportRowType.REPEATED) == ids(
        world, "never_started", "declined_only", "interrupted"
    )
    assert listed(data, ReportRowType.NEW) == set()


def test_a_reported_quarter_keeps_what_was_reported(world, organisation, reporter, time_machine):
    on(time_machine, date(2026, 7, 2))
    before = reports.quarter_data(organisation=organisation, quarter=Q2)
    report = services.quarter_mark_reported(
        organisation=organisation, quarter=Q2, rows=before.rows, actor=reporter
    )
    decision = world["never_started"]
    key = next(r["entry_key"] for r in before.rows if r["decision_id"] == str(decision.public_id))
    services.entry_note_save(
        decision=decision,
        entry_key=key,
        fields={"delay_reason": "Skrivet efter rapporten"},
        actor=reporter,
    )
    after = reports.quarter_data(organisation=organisation, quarter=Q2)
    assert after.report == report
    assert after.rows == before.rows
    assert "Skrivet efter rapporten" not in reports.quarter_csv(after)
    with pytest.raises(services.QuarterAlreadyReportedError):
        services.quarter_mark_reported(
            organisation=organisation, quarter=Q2, rows=before.rows, actor=reporter
        )
    event = AuditEvent.objects.get(event_type="oversight.quarter_reported")
    assert event.changes == {"quarter": "2026 Q2", "rows": 4}


def test_a_quarter_cannot_be_reported_before_it_ends(organisation, reporter, time_machine):
    on(time_machine, date(2026, 6, 30))
    with pytest.raises(services.ValidationError):
        services.quarter_mark_reported(
            organisation=organisation, quarter=Q2, rows=[], actor=reporter
        )
    assert not QuarterReport.objects.exists()


def test_the_reserve_number_stays_for_the_reporting_period(
    world, organisation, reporter, time_machine
):
    on(time_machine, date(2026, 7, 2))
    first = reports.quarter_data(organisation=organisation, quarter=Q2)
    services.quarter_mark_reported(
        organisation=organisation, quarter=Q2, rows=first.rows, actor=reporter
    )
    client = Client.objects.get(identifier="20150312-T123")
    Client.objects.filter(pk=client.pk).update(
        identifier="201503129808", identifier_kind="personnummer"
    )
    on(time_machine, date(2026, 10, 1))
    data = reports.quarter_data(organisation=organisation, quarter=Q3)
    row = next(r for r in data.rows if r["decision_id"] == str(world["never_started"].public_id))
    assert row["identifier"] == "20150312-T123"
    assert row["identifier_kind"] == "reserve"


def test_the_csv_has_the_ivo_fields_and_no_name(world, organisation, reporter, client):
    login_staff(client, reporter)
    response = client.get("/personal/tillsyn/kvartal/2026/2/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 4
    for column in (
        "Personnummer eller reservnummer",
        "Kön",
        "Lag",
        "Insats (IVO:s kategori)",
        "Beslutsdatum",
        "Datum för avbrott",
        "Verkställt eller avslutat",
        "Anledning",
        "Skäl till dröjsmålet",
        "Konsekvenser för den enskilde",
        "Stöd i väntan på insatsen",
    ):
        assert column in rows[0]
    reserve = next(r for r in rows if r["Personnummer eller reservnummer"] == "20150312-T123")
    assert reserve["Kön"] == "Kvinna"  # T123: the third character, 2, is even
    for name in NAMES:  # as a word: "Reserv" is also the start of "Reservnummer"
        assert not re.search(rf"\b{name}\b", text)
    event = AuditEvent.objects.get(event_type="oversight.quarter_viewed")
    assert event.changes == {"quarter": "2026 Q2", "rows": 4, "format": "csv"}
    assert event.actor == reporter


def test_the_pdf_is_a_real_pdf_with_counts(world, organisation, reporter, client):
    login_staff(client, reporter)
    response = client.get("/personal/tillsyn/kvartal/2026/2/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Antal per lag och insats" in text
    assert "SoL: Kontaktperson/kontaktfamilj" in text
    assert "20150312-T123" not in text  # no identifiers for the nämnd
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", text)
    data = reports.quarter_data(organisation=organisation, quarter=Q2)
    per_type = {
        (r["law"], r["category"]): (r["open"], r["closed"]) for r in data.counts["per_type"]
    }
    assert per_type == {("SoL", "SoL: Kontaktperson/kontaktfamilj"): (3, 1)}


def test_the_reporter_marks_the_quarter_on_the_page(
    world, organisation, reporter, client, time_machine
):
    on(time_machine, date(2026, 7, 3))
    login_staff(client, reporter)
    page = client.get("/personal/tillsyn/kvartal/2026/2/")
    assert page.status_code == 200
    assert "Markera 2026 Q2 som rapporterat" in page.content.decode()
    response = client.post("/personal/tillsyn/kvartal/2026/2/")
    assert response.status_code == 302
    report = QuarterReport.objects.get(organisation=organisation, year=2026, quarter=2)
    assert report.reported_by == reporter
    assert len(report.rows) == 4
    assert all("first_name" not in row and "last_name" not in row for row in report.rows)


def test_windows_default_to_ivos_and_can_be_configured(organisation):
    from brygga.oversight.models import ReportingWindow

    assert reports.reporting_window(organisation, Quarter(2026, 4)) == (
        date(2027, 1, 1),
        date(2027, 1, 31),
    )
    assert reports.reporting_window(organisation, Q2) == (date(2026, 7, 1), date(2026, 8, 31))
    ReportingWindow.objects.create(
        organisation=organisation,
        quarter=2,
        opens_month=7,
        opens_day=15,
        closes_month=9,
        closes_day=15,
    )
    assert reports.reporting_window(organisation, Q2) == (date(2026, 7, 15), date(2026, 9, 15))
