"""The stable quote interface: `compensation_quote` and `POST /api/v1/compensation/quote/`
reproduce the published SKR figures of domain §4 and refuse impossible input the same way."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.compensation.management.commands.compensation_quote import Command

pytestmark = pytest.mark.django_db
URL = "/api/v1/compensation/quote/"
KEYS = {"fee", "expense_allowance", "employer_contributions", "lines"}


def cli(*args: str) -> dict:
    out = StringIO()
    call_command("compensation_quote", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def api(client, body: dict):
    return client.post(URL, body, content_type="application/json")


# (CLI arguments, API body, expected fee, expected expense allowance)
CASES = [
    pytest.param(
        [
            "--type",
            "kontaktperson",
            "--law",
            "sol",
            "--month",
            "2023-05",
            "--expense-percent",
            "25",
        ],
        {"type": "kontaktperson", "law": "sol", "month": "2023-05", "expense_percent": "25"},
        "438.00",
        "1094.00",
        id="kontaktperson-2023-omkostnad-25",
    ),
    pytest.param(
        [
            "--type",
            "kontaktperson",
            "--law",
            "lss",
            "--month",
            "2026-01",
            "--fee-level",
            "kategori_3",
            "--fee-percent",
            "55",
            "--expense-percent",
            "40",
        ],
        {
            "type": "kontaktperson",
            "law": "lss",
            "month": "2026-01",
            "fee_level": "kategori_3",
            "fee_percent": "55",
            "expense_percent": "40",
        },
        "2713.00",
        "1973.00",
        id="kontaktperson-2026-kat3-max",
    ),
    pytest.param(
        [
            "--type",
            "kontaktperson",
            "--law",
            "sol",
            "--month",
            "2020-12",
            "--fee-percent",
            "35",
            "--expense-percent",
            "10",
        ],
        {
            "type": "kontaktperson",
            "law": "sol",
            "month": "2020-12",
            "fee_percent": 35,
            "expense_percent": 10,
        },
        "1380.00",
        "394.00",
        id="kontaktperson-2020-kat1-max",
    ),
    pytest.param(
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2015-01-01",
            "--stay",
            "2023-03-10/2023-03-12",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-01-01",
            "stays": ["2023-03-10/2023-03-12"],
        },
        "1012.50",  # ½ × 225 + 2 × 225 + 2 × 225
        "377.50",  # 2½ × 151
        id="kontaktfamilj-2023-fri-sun",
    ),
    pytest.param(
        [
            "--type",
            "stodfamilj",
            "--law",
            "lss",
            "--birth-date",
            "2008-01-01",
            "--stay",
            "2023-03-10/2023-03-12",
            "--expense-level",
            "tillagg",
        ],
        {
            "type": "stodfamilj",
            "law": "lss",
            "birth_date": "2008-01-01",
            "stays": ["2023-03-10/2023-03-12"],
            "expense_level": "tillagg",
        },
        "1314.00",  # ½ × 292 + 4 × 292
        "612.50",  # 2½ × 245
        id="stodfamilj-2023-13plus-tillagg",
    ),
    pytest.param(
        # Mon 3 – Sun 23 July 2023: 21 days; weekends 8–9 and 15–16 doubled, 22–23 not.
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2015-01-01",
            "--stay",
            "2023-07-03/2023-07-23",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-01-01",
            "stays": ["2023-07-03/2023-07-23"],
        },
        "5625.00",  # (21 + 4) × 225
        "3171.00",  # 21 × 151
        id="fourteen-day-rule",
    ),
    pytest.param(
        # Midsommardagen Saturday 24 June and juldagen Monday 25 December 2023.
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2015-01-01",
            "--stay",
            "2023-12-25/2023-12-25",
            "--stay",
            "2023-06-22/2023-06-22",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-01-01",
            "stays": ["2023-12-25/2023-12-25", "2023-06-22/2023-06-22"],
        },
        "675.00",  # Thursday 225 + juldagen 450
        "302.00",
        id="juldagen-doubled",
    ),
    pytest.param(
        # Turns 13 on Saturday 11 March 2023: Friday 0–12, Saturday and Sunday 13+.
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2010-03-11",
            "--stay",
            "2023-03-10/2023-03-12",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2010-03-11",
            "stays": ["2023-03-10/2023-03-12"],
        },
        "1280.50",  # ½ × 225 + 2 × 292 + 2 × 292
        "421.50",  # ½ × 151 + 173 + 173
        id="birthday-switches-band",
    ),
]


@pytest.mark.parametrize(("args", "body", "fee", "expense"), CASES)
def test_cli_and_api_reproduce_published_figures(client, case_officer, args, body, fee, expense):
    from_cli = cli(*args)
    assert set(from_cli) >= KEYS
    assert (from_cli["fee"], from_cli["expense_allowance"]) == (fee, expense)
    login_staff(client, case_officer)
    response = api(client, body)
    assert response.status_code == 200, response.json()
    assert response.json() == from_cli


def test_lines_carry_date_or_month_kind_quantity_rate_amount_rule():
    data = cli(
        "--type",
        "kontaktfamilj",
        "--law",
        "sol",
        "--birth-date",
        "2015-01-01",
        "--stay",
        "2023-06-24/2023-06-24",
    )
    fee = next(line for line in data["lines"] if line["kind"] == "fee")
    assert fee == {
        "date": "2023-06-24",
        "kind": "fee",
        "quantity": "1",
        "rate": "225.00",
        "amount": "450.00",
        "rule": fee["rule"],
    }
    assert fee["rule"].startswith("kontaktfamilj.fee.holiday_double: midsommardagen")
    month = cli("--type", "kontaktperson", "--law", "sol", "--month", "2024-02")["lines"][0]
    assert month["month"] == "2024-02"
    assert "date" not in month


def test_employer_contributions_and_travel_in_the_answer():
    data = cli(
        "--type",
        "ledsagare",
        "--law",
        "sol",
        "--hours",
        "10",
        "--hours-date",
        "2024-05-02",
        "--kilometres",
        "20",
        "--carer-birth-date",
        "1950-06-01",
    )
    assert data["fee"] == "2840.00"
    assert data["employer_contributions"] == "289.96"  # 10.21 %
    assert data["travel"] == "50.00"


def test_cli_readable_swedish_table():
    out = StringIO()
    call_command(
        "compensation_quote",
        "--type",
        "kontaktfamilj",
        "--law",
        "sol",
        "--birth-date",
        "2015-01-01",
        "--stay",
        "2023-03-10/2023-03-12",
        stdout=out,
    )
    text = out.getvalue()
    assert "Arvode (skattepliktigt):        1 012,50 kr" in text
    assert "Omkostnadsersättning:           377,50 kr" in text
    assert "lördag, dubbelt arvode" in text


ERRORS = [
    pytest.param(
        ["--type", "kontaktperson", "--law", "sol", "--month", "2031-01"],
        {"type": "kontaktperson", "law": "sol", "month": "2031-01"},
        "month",
        "2031",
        id="unknown-year",
    ),
    pytest.param(
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2015-01-01",
            "--stay",
            "2023-03-12/2023-03-10",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-01-01",
            "stays": ["2023-03-12/2023-03-10"],
        },
        "stays",
        "kan inte sluta innan den börjar",
        id="stay-ends-before-it-starts",
    ),
    pytest.param(
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2023-05-01",
            "--stay",
            "2023-03-10/2023-03-12",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2023-05-01",
            "stays": ["2023-03-10/2023-03-12"],
        },
        "birth_date",
        "efter vistelsen",
        id="birth-date-after-the-stay",
    ),
    pytest.param(
        [
            "--type",
            "kontaktfamilj",
            "--law",
            "sol",
            "--birth-date",
            "2015-01-01",
            "--stay",
            "2023-03-10",
        ],
        {
            "type": "kontaktfamilj",
            "law": "sol",
            "birth_date": "2015-01-01",
            "stays": ["2023-03-10"],
        },
        "stays",
        "ankomst/avresa",
        id="stay-without-departure",
    ),
    pytest.param(
        [
            "--type",
            "kontaktperson",
            "--law",
            "sol",
            "--month",
            "2023-05",
            "--fee-level",
            "kategori_1",
            "--fee-percent",
            "40",
        ],
        {
            "type": "kontaktperson",
            "law": "sol",
            "month": "2023-05",
            "fee_level": "kategori_1",
            "fee_percent": "40",
        },
        "fee_percent",
        "utanför",
        id="fee-outside-the-category",
    ),
]


@pytest.mark.parametrize(("args", "body", "field", "text"), ERRORS)
def test_impossible_input_cli_and_api(client, case_officer, args, body, field, text):
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("compensation_quote", *args, "--json", stdout=out)
    assert error.value.returncode == 2
    assert text in str(error.value)
    errors = json.loads(out.getvalue())["errors"]
    assert text in errors[field][0]
    login_staff(client, case_officer)
    response = api(client, body)
    assert response.status_code == 400
    assert response.json() == {"errors": errors}


def test_cli_error_goes_to_stderr_with_a_non_zero_exit(capsys):
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            [
                "manage.py",
                "compensation_quote",
                "--type",
                "kontaktfamilj",
                "--law",
                "sol",
                "--birth-date",
                "2015-01-01",
                "--stay",
                "2023-03-12/2023-03-10",
            ]
        )
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "--stay: En vistelse kan inte sluta innan den börjar." in captured.err
    assert captured.out == ""


def test_api_type_errors_are_field_errors(client, case_officer):
    login_staff(client, case_officer)
    response = api(client, {"type": "familjehem", "law": "sol", "hours": "mycket"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"type", "hours"}


def test_api_path_is_stable():
    assert reverse("compensation-api:quote") == URL


@pytest.mark.parametrize(
    "role", [Role.CASE_OFFICER, Role.FINANCE_OFFICER, Role.MANAGER, Role.ADMINISTRATOR]
)
def test_roles_that_may_quote(client, organisation, unit, role):
    login_staff(client, UserFactory(organisation=organisation, roles=[role], units=[unit]))
    assert (
        api(client, {"type": "kontaktperson", "law": "sol", "month": "2024-01"}).status_code == 200
    )


def test_others_may_not_quote(client, organisation, unit, public_user):
    body = {"type": "kontaktperson", "law": "sol", "month": "2024-01"}
    assert api(client, body).status_code in (401, 403)
    login_staff(client, UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER]))
    assert api(client, body).status_code == 403
    client.force_login(public_user)
    assert api(client, body).status_code == 403
