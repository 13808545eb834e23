"""Staff pages: rates per year, own rates and settings, the estimate, the decision panel."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.audit.models import AuditEvent
from brygga.clients.constants import ScopeUnit
from brygga.clients.tests.factories import make_client, make_decision, next_test_number
from brygga.compensation.estimates import estimate_inputs
from brygga.compensation.models import CompensationSettings, Rate

pytestmark = pytest.mark.django_db
RATES = "/personal/ersattning/"


@pytest.fixture
def finance(organisation, unit):
    return UserFactory(organisation=organisation, roles=[Role.FINANCE_OFFICER], units=[unit])


def national(year=2023, **keys):
    defaults = {
        "assignment_type__code": "kontaktfamilj",
        "law": "sol",
        "component": "fee",
        "band": "0-12",
        "level": "grund",
    }
    return Rate.objects.get(
        organisation=None, valid_from=datetime.date(year, 1, 1), **(defaults | keys)
    )


def test_rates_page_lists_a_year_with_status_and_source(client, case_officer):
    login_staff(client, case_officer)
    response = client.get(RATES, {"ar": "2023"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ersättningsnivåer 2023" in text
    assert "52 500 kr" in text or "52\xa0500 kr" in text
    assert "Publicerad" in text and "Beräknad" in text
    assert "EXEMPEL att ersätta" in text  # hourly placeholders are labelled
    assert "Ange kommunens eget värde" not in text  # case officers read only


def test_recruitment_officers_and_public_users_cannot_see_rates(client, organisation, public_user):
    login_staff(client, UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER]))
    assert client.get(RATES).status_code == 403
    client.force_login(public_user)
    assert client.get(RATES).status_code == 403


def test_finance_enters_an_own_rate_from_a_date_and_quotes_use_it(client, finance, organisation):
    login_staff(client, finance)
    template = national(2024)
    form = client.get("/personal/ersattning/egna-nivaer/ny/", {"fran": str(template.public_id)})
    assert form.status_code == 200
    assert 'value="229.0000"' in form.content.decode() or "229" in form.content.decode()
    response = client.post(
        "/personal/ersattning/egna-nivaer/ny/",
        {
            "assignment_type": template.assignment_type_id,
            "law": "sol",
            "component": "fee",
            "band": "0-12",
            "level": "grund",
            "basis": "kronor_day",
            "value": "240",
            "rounding": "ore_half_up",
            "valid_from": "2024-07-01",
            "status": "S",
            "source": "Socialnämnden 2024-06-12 § 45",
        },
    )
    assert response.status_code == 302
    own = Rate.objects.get(organisation=organisation)
    assert own.value == Decimal(240)
    event = AuditEvent.objects.get(event_type="compensation.rate_override_created")
    assert event.actor == finance
    # The estimate page (organisation of the user) uses it from 1 July.
    response = client.post(
        "/personal/ersattning/berakna/",
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-01-01",
            "stays": "2024-06-26/2024-06-26\n2024-07-03/2024-07-03",
        },
    )
    assert response.status_code == 200
    assert response.context["result"]["fee"] == "469.00"  # 229 + 240
    # Editing it is audited with the change.
    edit = client.post(
        f"/personal/ersattning/egna-nivaer/{own.public_id}/",
        {
            "assignment_type": template.assignment_type_id,
            "law": "sol",
            "component": "fee",
            "band": "0-12",
            "level": "grund",
            "basis": "kronor_day",
            "value": "245",
            "rounding": "ore_half_up",
            "valid_from": "2024-07-01",
            "status": "S",
            "source": "x",
        },
    )
    assert edit.status_code == 302
    changed = AuditEvent.objects.get(event_type="compensation.rate_override_changed")
    assert changed.changes["value"] == ["240.0000", "245"]


def test_own_rate_form_keeps_input_and_shows_errors(client, finance):
    login_staff(client, finance)
    response = client.post(
        "/personal/ersattning/egna-nivaer/ny/",
        {
            "law": "sol",
            "component": "fee",
            "basis": "kronor_day",
            "value": "abc",
            "rounding": "ore_half_up",
            "valid_from": "2024-13-01",
            "status": "S",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "ÅÅÅÅ-MM-DD" in text
    assert 'value="abc"' in text


def test_case_officers_cannot_enter_own_rates(client, case_officer):
    login_staff(client, case_officer)
    assert client.get("/personal/ersattning/egna-nivaer/ny/").status_code == 403


def test_national_rows_cannot_be_edited_on_the_staff_pages(client, finance):
    login_staff(client, finance)
    assert (
        client.get(f"/personal/ersattning/egna-nivaer/{national().public_id}/").status_code == 404
    )


def test_settings_are_saved_and_audited(client, finance, organisation):
    login_staff(client, finance)
    response = client.post(
        "/personal/ersattning/installningar/",
        {"eves_are_holidays": "on", "friday_arrival_fraction": "0.5"},
    )
    assert response.status_code == 302
    assert CompensationSettings.objects.get(organisation=organisation).eves_are_holidays
    assert AuditEvent.objects.filter(event_type="compensation.settings_changed").exists()


def test_estimate_page_shows_swedish_errors_next_to_fields_and_keeps_input(client, case_officer):
    login_staff(client, case_officer)
    response = client.post(
        "/personal/ersattning/berakna/",
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2024-01-01",
            "stays": "2023-03-12/2023-03-10",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["stays"] == ["En vistelse kan inte sluta innan den börjar."]
    assert "2023-03-12/2023-03-10" in response.content.decode()


# --- The decision panel and page -------------------------------------------------------------


@pytest.fixture
def family_decision(organisation, unit, case_officer):
    client_ = make_client(organisation, unit, case_officer, identifier=next_test_number("20150312"))
    return make_decision(
        client_,
        case_officer,
        type="kontaktfamilj",
        scope_quantity=Decimal(2),
        scope_unit=ScopeUnit.WEEKENDS_PER_MONTH,
    )


def test_decision_page_shows_the_monthly_cost_estimate(client, case_officer, family_decision):
    login_staff(client, case_officer)
    response = client.get(f"/personal/klienter/beslut/{family_decision.public_id}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Beräknad kostnad per månad" in text
    assert f"/personal/klienter/beslut/{family_decision.public_id}/kostnad/" in text
    assert "2 vistelser fredag–söndag" in text


def test_decision_estimate_page_is_prefilled_and_adjustable(client, case_officer, family_decision):
    login_staff(client, case_officer)
    url = f"/personal/klienter/beslut/{family_decision.public_id}/kostnad/"
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["result"]["expense_allowance"] != "0.00"
    assert AuditEvent.objects.filter(
        event_type="decision.record_viewed", purpose="Kostnadsberäkning för beslut"
    ).exists()
    adjusted = client.post(
        url,
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-03-12",
            "stays": "2023-03-10/2023-03-12",
        },
    )
    assert adjusted.context["result"]["fee"] == "1012.50"


def test_decision_estimate_needs_access_to_the_decision(client, organisation, family_decision):
    finance = UserFactory(organisation=organisation, roles=[Role.FINANCE_OFFICER])
    login_staff(client, finance)  # may quote, but may not read clients' decisions
    url = f"/personal/klienter/beslut/{family_decision.public_id}/kostnad/"
    assert client.get(url).status_code in (403, 404)


def test_estimate_inputs_from_scope():
    kp = estimate_inputs(
        assignment_type="kontaktperson",
        law_area="lss",
        birth_date=datetime.date(2010, 1, 1),
        scope_quantity=Decimal(3),
        scope_unit="meetings_per_week",
        period_from=datetime.date(2024, 1, 1),
        today=datetime.date(2024, 5, 17),
    )
    assert kp.data["fee_level"] == "kategori_2"
    assert kp.data["law"] == "lss"
    assert kp.data["month"] == "2024-05"
    hourly = estimate_inputs(
        assignment_type="ledsagare",
        law_area="sol",
        birth_date=datetime.date(2000, 1, 1),
        scope_quantity=Decimal(3),
        scope_unit="hours_per_week",
        period_from=datetime.date(2024, 8, 1),
        today=datetime.date(2024, 5, 17),
    )
    assert hourly.data["hours"] == "13.00"
    assert hourly.data["month"] == "2024-08"
    days = estimate_inputs(
        assignment_type="stodfamilj",
        law_area="lss",
        birth_date=datetime.date(2000, 1, 1),
        scope_quantity=Decimal(4),
        scope_unit="days_per_month",
        period_from=datetime.date(2024, 1, 1),
        today=datetime.date(2024, 5, 17),
    )
    assert days.data["stays"] == ["2024-05-03/2024-05-06"]
