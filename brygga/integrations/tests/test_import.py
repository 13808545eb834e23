"""Import of registers: the dry run lists each problem by row and column and saves nothing;
confirming imports the valid rows through the services, with their audit events."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from brygga.accounts.tests.helpers import login_staff
from brygga.assignments.constants import AssignmentStatus
from brygga.assignments.models import Assignment
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.carers.models import Carer
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Client, Decision
from brygga.clients.tests.factories import basis_for, make_client, make_decision
from brygga.core.testdata import make_test_personnummer
from brygga.integrations.constants import ImportStatus
from brygga.integrations.models import ImportRun
from brygga.integrations.spreadsheets import read_table, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HOME = "/personal/integrationer/import/"


def pnr(birth: str, serial: str = "980") -> str:
    n = make_test_personnummer(birth, serial)
    return f"{n[:8]}-{n[8:]}"


def upload(client, kind, name, data, unit=None):
    payload = {"kind": kind, "file": SimpleUploadedFile(name, data)}
    if unit is not None:
        payload["unit"] = unit.pk
    response = client.post(HOME, payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.latest("id")


def check(client, run):
    page = client.get(f"{HOME}{run.public_id}/")
    form = page.context["mapping_form"]
    data = {name: field.initial for name, field in form.fields.items()}
    client.post(f"{HOME}{run.public_id}/", data)
    run.refresh_from_db()
    return run


def test_template_downloads_as_csv_and_xlsx_with_the_same_columns(client, administrator):
    login_staff(client, administrator)
    csv = client.get(f"{HOME}mall/clients.csv")
    xlsx = client.get(f"{HOME}mall/clients.xlsx")
    assert csv["Content-Type"].startswith("text/csv")
    assert read_table(csv.content, max_rows=10)[1] == read_table(xlsx.content, max_rows=10)[1]
    assert "Beslutsdatum" in read_table(xlsx.content, max_rows=10)[1]


def test_clients_with_errors_listed_by_row_and_column_then_valid_rows_imported(
    client, administrator, unit
):
    login_staff(client, administrator)
    decided = timezone.localdate() - timedelta(days=30)
    basis = basis_for(decided).code
    template = client.get(f"{HOME}mall/clients.csv").content
    headers = read_table(template, max_rows=10)[1]

    def row(number, *, insats="kontaktperson", date=None, first="Testa"):
        date = decided.isoformat() if date is None else date
        values = {
            "Personnummer": number,
            "Förnamn": first,
            "Efternamn": "Testsson",
            "Insats": insats,
            "Målgrupp": "",
            "Lagrum": basis,
            "Beslutsdatum": date,
            "Omfattning": "2",
            "Omfattningsenhet": "träffar per månad",
            "Gäller från": "",
            "Gäller till": "",
            "Samtycke": "guardians",
            "Samtycke dokumenterat": date,
        }
        return [values[h] for h in headers]

    good_a, good_b = pnr("20150101", "981"), pnr("20140202", "982")
    rows = [
        row(good_a),  # 2: valid
        row("20150101-1234"),  # 3: invalid personnummer (check digit)
        row(pnr("20130303", "983"), insats="trollkarl"),  # 4: unknown assignment type
        row(pnr("20120404", "984"), date=""),  # 5: missing decision date
        row(good_a),  # 6: duplicate of row 2
        row(good_b, first="Bo"),  # 7: valid
        row(good_b, insats="kontaktfamilj", first="Bo"),  # 8: valid, second decision for Bo
    ]
    run = upload(client, "clients", "register.csv", write_csv(headers, rows), unit=unit)
    assert run.status == ImportStatus.UPLOADED and run.total_rows == 7
    run = check(client, run)
    assert run.status == ImportStatus.CHECKED and run.valid_rows == 3
    problems = {(p["row"], p["column"]) for p in run.problems}
    assert problems == {
        (3, "Personnummer"),
        (4, "Insats"),
        (5, "Beslutsdatum"),
        (6, "Personnummer"),
    }
    messages = {p["row"]: p["message"] for p in run.problems}
    assert "Okänd insats" in messages[4] and "Beslutsdatum saknas" in messages[5]
    assert "rad 2" in messages[6]
    page = client.get(f"{HOME}{run.public_id}/").content.decode()
    assert "Okänd insats: trollkarl." in page and "Importera 3 giltiga rader" in page
    # Nothing saved by the dry run, and no personal data in the record.
    assert not Client.objects.exists() and not Decision.objects.exists()
    assert good_a not in str(run.problems) and "Testsson" not in str(run.problems)

    client.post(f"{HOME}{run.public_id}/importera/")
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE and run.valid_rows == 3 and run.created_count == 5
    assert Client.objects.count() == 2
    assert Decision.objects.filter(client__first_name="Bo").count() == 2
    assert AuditEvent.objects.filter(event_type=AuditEventType.CLIENT_REGISTERED).count() == 2
    assert AuditEvent.objects.filter(event_type=AuditEventType.DECISION_REGISTERED).count() == 3
    done = AuditEvent.objects.get(event_type=AuditEventType.IMPORT_COMPLETED)
    assert done.actor == administrator
    assert done.changes["imported_rows"] == 3 and done.changes["file_sha256"] == run.file_sha256
    assert not run.file_path or not (run.file_path and _stored(run))


def _stored(run):
    from brygga.core.uploads import private_storage

    return private_storage().exists(run.file_path)


def test_carers_from_xlsx_then_assignments_link_them(client, administrator, unit, organisation):
    login_staff(client, administrator)
    carer_headers = read_table(client.get(f"{HOME}mall/carers.xlsx").content, max_rows=5)[1]
    carer_number = pnr("19800101", "985")
    carer_row = {
        "Personnummer": carer_number,
        "Förnamn": "Karin",
        "Efternamn": "Testsson",
        "Gatuadress": "Exempelgatan 1",
        "Postnummer": "12345",
        "Ort": "Ekby",
        "Telefon": "070-123 45 67",
        "E-post": "karin@example.invalid",
        "Uppdragstyper": "kontaktperson",
        "Godkänd till och med": "",
        "Språk": "svenska",
    }
    bad = dict(carer_row, Personnummer="19800101-0000", **{"E-post": "inte-en-adress"})
    data = write_xlsx(
        carer_headers, [[carer_row[h] for h in carer_headers], [bad[h] for h in carer_headers]]
    )
    run = check(client, upload(client, "carers", "pool.xlsx", data))
    assert run.file_format == "xlsx" and run.valid_rows == 1
    assert {(p["row"], p["column"]) for p in run.problems} == {(3, "Personnummer"), (3, "E-post")}
    assert not Carer.objects.exists()
    client.post(f"{HOME}{run.public_id}/importera/")
    carer = Carer.objects.get()
    assert carer.approvals.get().assignment_type.code == "kontaktperson"

    child = make_client(organisation, unit, administrator)
    decision = make_decision(child, administrator)
    started = timezone.localdate() - timedelta(days=3)
    assignment_headers = read_table(client.get(f"{HOME}mall/assignments.csv").content, max_rows=5)[
        1
    ]
    rows = [
        [child.identifier, "kontaktperson", carer_number, started.isoformat()],
        [child.identifier, "kontaktperson", pnr("19700101", "986"), started.isoformat()],
    ]
    run = check(
        client, upload(client, "assignments", "uppdrag.csv", write_csv(assignment_headers, rows))
    )
    assert run.valid_rows == 1
    assert [(p["row"], p["column"]) for p in run.problems] == [(3, "Insats")] or [
        (p["row"], p["column"]) for p in run.problems
    ] == [(3, "Uppdragstagarens personnummer")]
    client.post(f"{HOME}{run.public_id}/importera/")
    assignment = Assignment.objects.get()
    assert assignment.status == AssignmentStatus.ACTIVE and assignment.started_on == started
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IMPLEMENTED and decision.implemented_on == started
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.ASSIGNMENT_STARTED, changes__imported=True
    ).exists()


def test_upload_refuses_non_spreadsheets_and_needs_the_permission(
    client, administrator, case_officer
):
    login_staff(client, case_officer)
    assert client.get(HOME).status_code == 403
    login_staff(client, administrator)
    response = client.post(
        HOME, {"kind": "carers", "file": SimpleUploadedFile("x.csv", b"%PDF-1.4 binary\x00\x01")}
    )
    assert response.status_code == 200
    assert "CSV-fil eller en Excel-fil" in response.content.decode()
    response = client.post(
        HOME, {"kind": "clients", "file": SimpleUploadedFile("x.csv", b"a;b\n1;2\n")}
    )
    assert "Välj enhet för de nya klienterna." in response.content.decode()
    assert not ImportRun.objects.exists()
