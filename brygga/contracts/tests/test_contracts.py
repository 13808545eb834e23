"""Contracts: terms from the calculation, the carer's acceptance, staff signature, new versions
that keep the old ones, the PDF, and who may see them."""

from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UnitFactory, UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.models import AuditEvent
from brygga.compensation.quoting import QuoteRequest, quote
from brygga.contracts import services
from brygga.contracts.constants import VersionStatus
from brygga.contracts.documents import contract_context, contract_pdf
from brygga.payments.tests.factories import make_assignment, make_signed_contract

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


@pytest.fixture
def assignment(organisation, unit, case_officer):
    return make_assignment(organisation, unit, case_officer, started_on=START)


def test_the_contract_states_the_quoted_monthly_fee_and_allowance(assignment, case_officer):
    version = services.contract_version_create(
        assignment=assignment, valid_from=START, actor=case_officer
    )
    expected = quote(
        QuoteRequest(assignment_type="kontaktperson", law="sol", month=date(2026, 3, 1))
    )
    rates = {row["kind"]: Decimal(row["rate"]) for row in version.terms}
    assert rates["fee"] == next(x.rate for x in expected.lines if x.kind == "fee")
    assert rates["expense_allowance"] == next(
        x.rate for x in expected.lines if x.kind == "expense_allowance"
    )
    assert rates["travel"] > 0
    assert version.notice_months == 1
    assert version.status == VersionStatus.SENT
    assert AuditEvent.objects.filter(event_type="contract.version_created").exists()


def test_accept_then_sign_and_a_change_makes_a_new_version_keeping_the_old(
    assignment, case_officer
):
    first = make_signed_contract(assignment, case_officer, valid_from=START)
    assert first.status == VersionStatus.SIGNED
    second = services.contract_version_create(
        assignment=assignment,
        valid_from=date(2026, 6, 1),
        fee_percent=Decimal("20"),
        change_note="Kategori 2",
        actor=case_officer,
    )
    first.refresh_from_db()
    assert first.status == VersionStatus.SIGNED  # in force until the new one is signed
    services.contract_accept(version=second, actor=assignment.carer.user)
    services.contract_sign(version=second, actor=case_officer)
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert first.terms != second.terms
    assert assignment.contract.versions.count() == 2


def test_signing_before_the_carer_accepts_is_refused(assignment, case_officer):
    version = services.contract_version_create(
        assignment=assignment, valid_from=START, actor=case_officer
    )
    with pytest.raises(services.ContractStateError):
        services.contract_sign(version=version, actor=case_officer)


def test_the_pdf_names_the_client_by_first_name_only(assignment, case_officer):
    version = make_signed_contract(assignment, case_officer, valid_from=START)
    pdf = contract_pdf(version)
    assert pdf.startswith(b"%PDF-")
    html = render_to_string("contracts/contract_pdf.html", contract_context(version))
    client = assignment.decision.client
    assert "Tilda" in html
    assert client.last_name not in html
    assert client.identifier not in html
    assert client.identifier[:8] not in html
    assert "tystnadsplikt" in html.lower()
    assert "20 kap. 3 §" in html


def test_the_carer_accepts_on_mina_sidor(client, assignment, case_officer):
    version = services.contract_version_create(
        assignment=assignment, valid_from=START, actor=case_officer
    )
    client.force_login(assignment.carer.user)
    page = client.get(reverse("accounts:my-pages"))
    assert "Dina uppdragsavtal" in page.content.decode()
    url = reverse("contracts:carer-detail", args=[version.public_id])
    refused = client.post(url, {})
    assert refused.status_code == 400
    assert "Kryssa i rutan" in refused.content.decode()
    client.post(url, {"confirm": "on"})
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED
    pdf = client.get(reverse("contracts:carer-pdf", args=[version.public_id]))
    assert pdf.content.startswith(b"%PDF-")


def test_another_carer_or_another_unit_cannot_reach_the_contract(
    client, organisation, assignment, case_officer
):
    version = services.contract_version_create(
        assignment=assignment, valid_from=START, actor=case_officer
    )
    stranger = UserFactory(public=True, organisation=organisation, email="x@test.example")
    client.force_login(stranger)
    assert (
        client.get(reverse("contracts:carer-detail", args=[version.public_id])).status_code == 404
    )
    other = UserFactory(
        organisation=organisation,
        roles=[Role.CASE_OFFICER],
        units=[UnitFactory(organisation=organisation, name="Vuxen")],
    )
    login_staff(client, other)
    url = reverse(
        "contracts:staff-detail", args=[assignment.decision.public_id, assignment.public_id]
    )
    assert client.get(url).status_code == 404


def test_staff_make_and_sign_the_contract_on_the_page(client, assignment, case_officer):
    login_staff(client, case_officer)
    url = reverse(
        "contracts:staff-detail", args=[assignment.decision.public_id, assignment.public_id]
    )
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"valid_from": "", "reporting_frequency": "monthly", "notice_months": "1"}
    )
    assert bad.status_code == 400
    assert "Ange datum." in bad.content.decode()
    client.post(
        url,
        {
            "valid_from": START.isoformat(),
            "fee_percent": "",
            "expense_percent": "",
            "reporting_frequency": "monthly",
            "notice_months": "1",
        },
    )
    version = assignment.contract.versions.get()
    services.contract_accept(version=version, actor=assignment.carer.user)
    client.post(
        reverse(
            "contracts:sign",
            args=[assignment.decision.public_id, assignment.public_id, version.public_id],
        )
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.SIGNED
