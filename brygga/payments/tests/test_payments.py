"""Reports, approval, payment runs and the payroll files, through services and pages.

The amounts in the files must equal `compensation.quoting.quote` for the same inputs."""

import csv
import io
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree as ET

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

import pytest
import time_machine

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.compensation.quoting import QuoteRequest, quote
from brygga.payments import exports, services
from brygga.payments.constants import ReportStatus, RunStatus
from brygga.payments.models import PaymentLine, Report

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TODAY = date(2026, 4, 10)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-04-10 10:00 +0200", tick=False):
        yield


def _submitted_month(version, *, kilometres=Decimal("40"), expense=Decimal("120.50")):
    carer_user = version.contract.assignment.carer.user
    report = services.report_open(
        contract=version.contract, day=date(2026, 3, 15), actor=carer_user
    )
    services.report_update(
        report=report,
        meetings=[{"date": "2026-03-07", "hours": "3"}, {"date": "2026-03-21", "hours": "2"}],
        stays=[],
        kilometres=kilometres,
        note="",
        actor=carer_user,
    )
    if expense:
        services.expense_add(
            report=report,
            upload=io.BytesIO(PNG),
            size=len(PNG),
            name="kvitto.png",
            spent_on=date(2026, 3, 7),
            description="Bio",
            amount=expense,
            actor=carer_user,
        )
    return services.report_submit(report=report, actor=carer_user)


def test_a_month_is_prefilled_from_the_schedule(contract_version):
    report = services.report_open(
        contract=contract_version.contract,
        day=date(2026, 3, 15),
        actor=contract_version.contract.assignment.carer.user,
    )
    assert (report.period_start, report.period_end) == (date(2026, 3, 1), date(2026, 3, 31))
    assert len(report.meetings) == 4  # four meetings a month, as decided
    assert all(date.fromisoformat(m["date"]).weekday() == 5 for m in report.meetings)


def test_report_to_run_to_files_equal_the_quote(contract_version, case_officer, finance_officer):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    expected = quote(
        QuoteRequest(
            assignment_type="kontaktperson",
            law="sol",
            month=date(2026, 3, 1),
            kilometres=Decimal("40"),
        )
    )
    report.refresh_from_db()
    assert report.fee == expected.fee
    assert report.expense_allowance == expected.expense_allowance
    assert report.travel == expected.travel
    assert report.outlays == Decimal("120.50")

    run = services.payment_run_create(
        organisation=contract_version.contract.organisation,
        month=date(2026, 4, 1),
        actor=finance_officer,
    )
    run = services.payment_run_build(run.pk)
    assert run.status == RunStatus.READY
    report.refresh_from_db()
    assert report.status == ReportStatus.PAID

    rows = list(
        csv.DictReader(io.StringIO(exports.run_csv(run).decode("utf-8-sig")), delimiter=";")
    )
    by_kind = {row["slag"]: Decimal(row["belopp"]) for row in rows}
    assert by_kind == {
        "fee": expected.fee,
        "expense_allowance": expected.expense_allowance,
        "travel": expected.travel,
        "outlay": Decimal("120.50"),
    }
    assert {row["loneart"] for row in rows} == {"1100", "7100", "7200", "7300"}
    fee_row = next(row for row in rows if row["slag"] == "fee")
    assert fee_row["skattepliktig"] == "1"
    assert "kontaktperson.fee" in fee_row["regel"]

    root = ET.fromstring(exports.run_paxml(run))  # noqa: S314 - our own file
    assert root.tag == "paxml"
    amounts = {t.findtext("lonart"): Decimal(t.findtext("belopp")) for t in root.iter("lonetrans")}
    assert amounts["1100"] == expected.fee
    assert amounts["7100"] == expected.expense_allowance
    persnr = {t.get("persnr") for t in root.iter("lonetrans")}
    assert persnr == {contract_version.contract.assignment.carer.personal_identity_number}


def test_employer_contributions_start_at_1000_kr_a_year(
    contract_version, case_officer, finance_officer
):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    run = services.payment_run_create(
        organisation=contract_version.contract.organisation,
        month=date(2026, 4, 1),
        actor=finance_officer,
    )
    run = services.payment_run_build(run.pk)
    fee_line = run.lines.get(kind="fee")
    # 493 kr: below the 1 000 kr threshold in the year, so no contributions yet.
    assert fee_line.amount < 1000
    assert fee_line.employer_contributions == 0


def test_a_returned_report_is_corrected_and_sent_again(client, contract_version, case_officer):
    report = _submitted_month(contract_version, expense=None)
    with pytest.raises(Exception):  # noqa: B017 - the comment is required
        services.report_return(report=report, comment=" ", actor=case_officer)
    services.report_return(report=report, comment="Kolla datumen.", actor=case_officer)
    client.force_login(contract_version.contract.assignment.carer.user)
    page = client.get(reverse("accounts:my-pages")).content.decode()
    assert "Kolla datumen." in page
    services.report_submit(report=report, actor=contract_version.contract.assignment.carer.user)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_approving_twice_is_refused(contract_version, case_officer):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    with pytest.raises(services.ReportStateError):
        services.report_approve(report=report, actor=case_officer)
    assert report.lines.filter(kind="fee").count() == 1


def test_a_report_is_paid_once_even_by_two_runs(contract_version, case_officer, finance_officer):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    organisation = contract_version.contract.organisation
    first = services.payment_run_create(
        organisation=organisation, month=date(2026, 4, 1), actor=finance_officer
    )
    second = services.payment_run_create(
        organisation=organisation, month=date(2026, 4, 1), actor=finance_officer
    )
    services.payment_run_build(first.pk)
    services.payment_run_build(second.pk)
    assert PaymentLine.objects.filter(report=report, kind="fee").count() == 1
    line = PaymentLine.objects.get(report=report, kind="fee")
    with pytest.raises(IntegrityError):
        PaymentLine.objects.create(
            organisation=organisation,
            run=second,
            carer=line.carer,
            report=report,
            kind="fee",
            quantity=1,
            rate=1,
            amount=1,
            rule="x",
            taxable=True,
        )


def test_an_exported_run_is_locked_and_corrections_go_to_the_next_run(
    contract_version, case_officer, finance_officer
):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    organisation = contract_version.contract.organisation
    run = services.payment_run_build(
        services.payment_run_create(
            organisation=organisation, month=date(2026, 4, 1), actor=finance_officer
        ).pk
    )
    services.payment_run_lock_for_export(run=run, actor=finance_officer, file_format="csv")
    run.refresh_from_db()
    assert run.locked
    before = exports.run_csv(run)
    line = run.lines.get(kind="travel")
    services.payment_adjustment_create(
        line=line, amount=Decimal("-25.00"), reason="Fel antal km", actor=finance_officer
    )
    assert exports.run_csv(run) == before  # the locked run never changes
    later = services.payment_run_build(
        services.payment_run_create(
            organisation=organisation, month=date(2026, 5, 1), actor=finance_officer
        ).pk
    )
    adjustment = later.lines.get()
    assert adjustment.is_adjustment and adjustment.amount == Decimal("-25.00")
    assert adjustment.adjusts == line


def test_late_reports_are_paid_only_back_to_the_limit(contract_version, case_officer):
    carer_user = contract_version.contract.assignment.carer.user
    with time_machine.travel("2026-09-10 10:00 +0200", tick=False):
        # March ends before June (three months back from September): too old.
        with pytest.raises(Exception, match="för gammal"):
            services.report_open(
                contract=contract_version.contract, day=date(2026, 3, 15), actor=carer_user
            )
        report = services.report_open(
            contract=contract_version.contract, day=date(2026, 6, 15), actor=carer_user
        )
        assert report.period_start == date(2026, 6, 1)


def test_half_yearly_reports_quote_each_month(organisation, unit, case_officer):
    from .factories import make_assignment, make_signed_contract

    assignment = make_assignment(
        organisation, unit, case_officer, started_on=date(2025, 12, 1), carer_first_name="Halv"
    )
    version = make_signed_contract(
        assignment, case_officer, valid_from=date(2025, 12, 1), reporting_frequency="half_yearly"
    )
    with time_machine.travel("2026-06-05 10:00 +0200", tick=False):
        report = services.report_open(
            contract=version.contract, day=date(2026, 1, 15), actor=assignment.carer.user
        )
        assert (report.period_start, report.period_end) == (date(2025, 12, 1), date(2026, 5, 31))
        services.report_submit(report=report, actor=assignment.carer.user)
        services.report_approve(report=report, actor=case_officer)
    months = sorted({line.month for line in report.lines.filter(kind="fee")})
    # Late limit three months back from June: March, April, May are paid.
    assert months == ["2026-03", "2026-04", "2026-05"]


def test_a_per_day_report_pays_a_weekend_stay_as_quoted(family_version, case_officer):
    carer_user = family_version.contract.assignment.carer.user
    report = services.report_open(
        contract=family_version.contract, day=date(2026, 3, 1), actor=carer_user
    )
    assert report.stays  # weekends from the scope
    services.report_update(
        report=report,
        meetings=[],
        stays=[{"arrival": "2026-03-13", "departure": "2026-03-15"}],
        kilometres=Decimal("0"),
        note="",
        actor=carer_user,
    )
    services.report_submit(report=report, actor=carer_user)
    services.report_approve(report=report, actor=case_officer)
    client_birth = family_version.contract.assignment.decision.client.birth_date
    expected = quote(
        QuoteRequest(
            assignment_type="kontaktfamilj",
            law="sol",
            birth_date=client_birth,
            stays=((date(2026, 3, 13), date(2026, 3, 15)),),
        )
    )
    report.refresh_from_db()
    assert report.fee == expected.fee
    assert report.expense_allowance == expected.expense_allowance


# --- Pages -------------------------------------------------------------------------------------


def test_the_carer_reports_on_the_page_and_nothing_typed_is_lost(client, contract_version):
    carer_user = contract_version.contract.assignment.carer.user
    client.force_login(carer_user)
    response = client.post(
        reverse("payments:report-open", args=[contract_version.contract.public_id]),
        {"day": "2026-03-01"},
    )
    report = Report.objects.get()
    assert response.url == reverse("payments:report-edit", args=[report.public_id])
    url = response.url
    page = client.get(url).content.decode()
    assert "Det här får du" in page
    data = {
        "meetings-TOTAL_FORMS": "2",
        "meetings-INITIAL_FORMS": "0",
        "meetings-0-date": "2026-03-07",
        "meetings-0-hours": "",
        "meetings-1-date": "2026-04-07",
        "meetings-1-hours": "2",
        "stays-TOTAL_FORMS": "0",
        "stays-INITIAL_FORMS": "0",
        "kilometres": "12",
        "note": "Vi var på bio",
        "action": "submit",
    }
    bad = client.post(url, data)
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Ange hur många timmar." in html
    assert "Datumet ligger utanför perioden." in html
    assert "Vi var på bio" in html and 'value="12"' in html
    data.update({"meetings-0-hours": "2", "meetings-1-date": "2026-03-21"})
    ok = client.post(url, data)
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.kilometres == Decimal("12")


def test_a_receipt_must_be_an_image_or_pdf_and_is_only_for_its_owner(
    client, organisation, contract_version
):
    carer_user = contract_version.contract.assignment.carer.user
    report = services.report_open(
        contract=contract_version.contract, day=date(2026, 3, 1), actor=carer_user
    )
    client.force_login(carer_user)
    url = reverse("payments:expense-add", args=[report.public_id])
    fields = {"spent_on": "2026-03-07", "description": "Bio", "amount": "120"}
    bad = client.post(url, {**fields, "receipt": SimpleUploadedFile("k.png", b"GIF89a....")})
    assert bad.status_code == 400
    assert "Kvittot måste vara en PDF, JPEG eller PNG." in bad.content.decode()
    assert 'value="Bio"' in bad.content.decode()
    client.post(url, {**fields, "receipt": SimpleUploadedFile("k.png", PNG)})
    expense = report.expenses.get()
    receipt_url = reverse("payments:receipt-own", args=[report.public_id, expense.pk])
    assert b"".join(client.get(receipt_url).streaming_content) == PNG
    client.force_login(UserFactory(public=True, organisation=organisation, email="y@test.example"))
    assert client.get(receipt_url).status_code == 404


def test_approval_pages_respect_the_unit(client, organisation, contract_version, case_officer):
    report = _submitted_month(contract_version)
    other = UserFactory(
        organisation=organisation,
        roles=[Role.CASE_OFFICER],
        units=[UnitFactory(organisation=organisation, name="Vuxen")],
    )
    login_staff(client, other)
    detail = reverse("payments:approval-detail", args=[report.public_id])
    assert client.get(detail).status_code == 404
    assert (
        client.post(reverse("payments:approval-decide", args=[report.public_id])).status_code == 404
    )
    login_staff(client, case_officer)
    assert client.get(reverse("payments:approval-list")).status_code == 200
    assert client.get(detail).status_code == 200
    client.post(reverse("payments:approval-decide", args=[report.public_id]), {"action": "approve"})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_finance_runs_and_downloads(
    client, contract_version, case_officer, finance_officer, django_capture_on_commit_callbacks
):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    login_staff(client, finance_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("payments:run-list"), {"month": "2026-04"})
    run_url = response.url
    page = client.get(run_url).content.decode()
    assert "Klar att exportera" in page  # the immediate task backend built it at commit
    run = report.payment_lines.first().run
    csv_response = client.post(reverse("payments:run-export", args=[run.public_id, "csv"]))
    assert csv_response["Content-Disposition"].startswith("attachment")
    run.refresh_from_db()
    assert run.status == RunStatus.EXPORTED


def test_pay_is_secret_from_the_clients_pages_and_other_staff(
    client, organisation, contract_version, case_officer, finance_officer
):
    report = _submitted_month(contract_version, expense=Decimal("137.35"))
    services.report_approve(report=report, actor=case_officer)
    report.refresh_from_db()
    # What this carer is paid for this month (the decision's page may show the general cost
    # estimate from the rate tables, which is not the carer's pay).
    secrets = [f"{report.total:.2f}", "137.35"]
    decision = contract_version.contract.assignment.decision
    login_staff(client, case_officer)
    for url in (
        reverse("clients:client-detail", args=[decision.client.public_id]),
        reverse("clients:decision-detail", args=[decision.public_id]),
        reverse("assignments:decision", args=[decision.public_id]),
    ):
        html = client.get(url).content.decode()
        for amount in secrets:
            assert amount not in html and amount.replace(".", ",") not in html
    api = client.get(f"/api/v1/clients/{decision.client.public_id}/").content.decode()
    assert all(amount not in api for amount in secrets)
    # A recruitment officer or a manager sees no runs and no reports.
    for role in (Role.RECRUITMENT_OFFICER, Role.MANAGER):
        other = UserFactory(organisation=organisation, roles=[role])
        login_staff(client, other)
        assert client.get(reverse("payments:run-list")).status_code == 403
        assert client.get(reverse("payments:approval-list")).status_code == 403


def test_reminders_go_once_before_the_deadline_to_carers_who_have_not_reported(
    contract_version,
):
    from django.core import mail
    from django.core.management import call_command

    # March's report is due 27 April; the reminder goes five days before, once.
    call_command("payments_remind", "--on", "2026-04-10")
    assert mail.outbox == []
    call_command("payments_remind", "--on", "2026-04-23")
    call_command("payments_remind", "--on", "2026-04-24")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [contract_version.contract.assignment.carer.email]
    assert "2026-04-27" in mail.outbox[0].body


def test_the_api_gives_runs_and_lines_to_finance_only(
    client, organisation, contract_version, case_officer, finance_officer
):
    report = _submitted_month(contract_version)
    services.report_approve(report=report, actor=case_officer)
    run = services.payment_run_build(
        services.payment_run_create(
            organisation=organisation, month=date(2026, 4, 1), actor=finance_officer
        ).pk
    )
    login_staff(client, finance_officer)
    listed = client.get("/api/v1/payments/runs/").json()
    assert [r["id"] for r in listed] == [str(run.public_id)]
    detail = client.get(f"/api/v1/payments/runs/{run.public_id}/").json()
    report.refresh_from_db()
    fee = next(line for line in detail["lines"] if line["kind"] == "fee")
    assert fee["amount"] == f"{report.fee:.2f}"
    assert fee["taxable"] is True
    login_staff(client, case_officer)
    assert client.get("/api/v1/payments/runs/").status_code == 403


def test_a_building_run_shows_its_progress_and_refreshes(client, organisation, finance_officer):
    from brygga.payments.models import PaymentRun

    run = PaymentRun.objects.create(
        organisation=organisation,
        month=date(2026, 4, 1),
        created_by=finance_officer,
        reports_total=40,
        reports_done=10,
    )
    login_staff(client, finance_officer)
    html = client.get(reverse("payments:run-detail", args=[run.public_id])).content.decode()
    assert "Behandlat 10 av 40 redovisningar" in html
    assert '<progress id="run-progress" max="100" value="25">' in html
    assert 'http-equiv="refresh"' in html
    assert "Exportera" not in html  # nothing to export while it is building


def test_employer_contributions_follow_the_years_fees_and_corrections(
    organisation, unit, case_officer, finance_officer
):
    """Three months of 986 kr (category 2 at 20 %): the second month crosses 1 000 kr in the
    year, so it carries contributions on both months; a deducted fee takes its share back."""
    from .factories import make_assignment, make_signed_contract

    assignment = make_assignment(organisation, unit, case_officer, started_on=date(2026, 1, 1))
    version = make_signed_contract(
        assignment, case_officer, valid_from=date(2026, 1, 1), fee_percent=Decimal("20")
    )
    carer_user = assignment.carer.user
    fees = []
    for month in (1, 2):
        with time_machine.travel(f"2026-{month + 1:02d}-05 10:00 +0100", tick=False):
            report = services.report_open(
                contract=version.contract, day=date(2026, month, 10), actor=carer_user
            )
            services.report_submit(report=report, actor=carer_user)
            services.report_approve(report=report, actor=case_officer)
            run = services.payment_run_build(
                services.payment_run_create(
                    organisation=organisation, month=date(2026, month, 1), actor=finance_officer
                ).pk
            )
            fees.append(run.lines.get(kind="fee"))
    first, second = fees
    percent = quote(
        QuoteRequest(
            assignment_type="kontaktperson",
            law="sol",
            month=date(2026, 2, 1),
            fee_percent=Decimal("20"),
            carer_birth_date=assignment.carer.birth_date,
            fee_paid_this_year=first.amount,
        )
    ).employer_contributions
    assert first.amount < 1000 and first.employer_contributions == 0
    assert second.employer_contributions == percent  # same rule as the quote, from the first krona
    services.payment_adjustment_create(
        line=second, amount=-second.amount, reason="Fel månad", actor=finance_officer
    )
    with time_machine.travel("2026-03-20 10:00 +0100", tick=False):
        later = services.payment_run_build(
            services.payment_run_create(
                organisation=organisation, month=date(2026, 3, 1), actor=finance_officer
            ).pk
        )
    adjustment = later.lines.get(is_adjustment=True)
    assert adjustment.employer_contributions < 0
