"""The DB-backed quote against the seeded rates (domain §4), overrides, settings and errors."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from brygga.catalogue.models import AssignmentType
from brygga.compensation.models import CompensationSettings, PriceBaseAmount, Rate
from brygga.compensation.quoting import QuoteError, QuoteRequest, quote, quote_as_json

D = Decimal
pytestmark = pytest.mark.django_db


def kp(**kwargs):
    return QuoteRequest(assignment_type="kontaktperson", law="sol", **kwargs)


def kf(*stays, birth=datetime.date(2015, 3, 1), law="sol", **kwargs):
    return QuoteRequest(
        assignment_type="kontaktfamilj", law=law, birth_date=birth, stays=tuple(stays), **kwargs
    )


def test_price_base_amounts_are_seeded_for_2017_to_2026():
    seeded = dict(PriceBaseAmount.objects.values_list("year", "amount"))
    assert seeded[2017] == D(44800)
    assert seeded[2023] == D(52500)
    assert seeded[2026] == D(59200)
    assert sorted(seeded) == list(range(2017, 2027))


@pytest.mark.parametrize(
    ("year", "omk10", "omk25", "omk40", "kat1", "kat2", "kat3"),
    [
        (2020, 394, 985, 1577, (394, 1380), (788, 1774), (1183, 2168)),
        (2021, 397, 992, 1587, (397, 1388), (793, 1785), (1190, 2182)),
        (2022, 403, 1006, 1610, (403, 1409), (805, 1811), (1208, 2214)),
        (2023, 438, 1094, 1750, (438, 1531), (875, 1969), (1313, 2406)),
        (2024, 478, 1194, 1910, (478, 1671), (955, 2149), (1433, 2626)),
        (2025, 490, 1225, 1960, (490, 1715), (980, 2205), (1470, 2695)),
        (2026, 493, 1233, 1973, (493, 1727), (987, 2220), (1480, 2713)),
    ],
)
@pytest.mark.parametrize("law", ["sol", "lss"])
def test_kontaktperson_quotes_reproduce_domain_table(
    law, year, omk10, omk25, omk40, kat1, kat2, kat3
):
    month = datetime.date(year, 6, 1)
    for percent, expected in ((10, omk10), (25, omk25), (40, omk40)):
        q = quote(
            QuoteRequest(
                assignment_type="kontaktperson", law=law, month=month, expense_percent=D(percent)
            )
        )
        assert q.expense_allowance == D(expected)
    for category, (low, high), (low_pct, high_pct) in zip(
        ("kategori_1", "kategori_2", "kategori_3"),
        (kat1, kat2, kat3),
        ((10, 35), (20, 45), (30, 55)),
        strict=True,
    ):
        for pct, expected in ((low_pct, low), (high_pct, high)):
            q = quote(
                QuoteRequest(
                    assignment_type="kontaktperson",
                    law=law,
                    month=month,
                    fee_level=category,
                    fee_percent=D(pct),
                )
            )
            assert q.fee == D(expected)


def test_kontaktperson_defaults_and_json_shape():
    q = quote(kp(month=datetime.date(2023, 5, 1), expense_percent=D(25)))
    data = quote_as_json(q)
    assert data["expense_allowance"] == "1094.00"
    assert data["fee"] == "438.00"  # category 1 at 10 %
    assert data["employer_contributions"] == "0.00"  # below 1 000 kr in the year
    assert data["lines"][0] == {
        "month": "2023-05",
        "kind": "fee",
        "quantity": "1",
        "rate": "438.00",
        "amount": "438.00",
        "rule": data["lines"][0]["rule"],
    }
    assert data["lines"][0]["rule"].startswith("kontaktperson.fee.month: Kategori 1")


def test_kontaktperson_agreed_percent_outside_every_category_is_refused():
    with pytest.raises(QuoteError) as error:
        quote(kp(month=datetime.date(2023, 5, 1), fee_percent=D(60)))
    assert error.value.field == "fee_percent"
    with pytest.raises(QuoteError) as error:
        quote(kp(month=datetime.date(2023, 5, 1), fee_level="kategori_1", fee_percent=D(40)))
    assert "utanför" in error.value.message
    # 40 % is inside category 2 when no category is named.
    assert quote(kp(month=datetime.date(2023, 5, 1), fee_percent=D(40))).fee == D(1750)


def test_kontaktperson_agreed_expense_percent_up_to_the_top_level():
    assert quote(kp(month=datetime.date(2023, 5, 1), expense_percent=D(15))).expense_allowance == D(
        656
    )
    with pytest.raises(QuoteError) as error:
        quote(kp(month=datetime.date(2023, 5, 1), expense_percent=D(41)))
    assert error.value.field == "expense_percent"


@pytest.mark.parametrize(
    ("year", "child", "child_plus", "youth", "youth_plus"),
    [
        (2020, 136, 194, 156, 220),
        (2021, 137, 196, 156, 222),
        (2022, 139, 198, 159, 225),
        (2023, 151, 216, 173, 245),
        (2024, 165, 235, 188, 267),
        (2025, 169, 242, 193, 274),
        (2026, 170, 243, 195, 276),
    ],
)
@pytest.mark.parametrize("assignment_type", ["kontaktfamilj", "stodfamilj"])
def test_per_dygn_expense_reproduces_domain_table(
    assignment_type, year, child, child_plus, youth, youth_plus
):
    wednesday = datetime.date(year, 3, 1)
    while wednesday.weekday() != 2:
        wednesday += datetime.timedelta(days=1)
    stay = ((wednesday, wednesday),)
    cases = [
        (datetime.date(year - 5, 1, 1), "grund", child),
        (datetime.date(year - 5, 1, 1), "tillagg", child_plus),
        (datetime.date(year - 15, 1, 1), "grund", youth),
        (datetime.date(year - 15, 1, 1), "tillagg", youth_plus),
        (datetime.date(year - 30, 1, 1), "grund", youth),
        (datetime.date(year - 30, 1, 1), "tillagg", youth_plus),
    ]
    for birth, level, expected in cases:
        q = quote(
            QuoteRequest(
                assignment_type=assignment_type,
                law="lss",
                birth_date=birth,
                stays=stay,
                expense_level=level,
            )
        )
        assert q.expense_allowance == D(expected)


@pytest.mark.parametrize(
    ("birth", "level", "expected"),
    [
        (datetime.date(2015, 1, 1), "grund", 225),
        (datetime.date(2008, 1, 1), "grund", 292),
        (datetime.date(1990, 1, 1), "grund", 359),
        (datetime.date(2015, 1, 1), "hojd_1", 359),
        (datetime.date(2008, 1, 1), "hojd_1", 426),
        (datetime.date(2015, 1, 1), "hojd_2", 505),
    ],
)
def test_2023_published_fee_per_day(birth, level, expected):
    wednesday = datetime.date(2023, 3, 1)
    q = quote(kf((wednesday, wednesday), birth=birth, fee_level=level))
    assert q.fee == D(expected)


def test_2024_fee_is_the_estimate_marked_as_such():
    wednesday = datetime.date(2024, 3, 6)
    q = quote(kf((wednesday, wednesday)))
    assert q.fee == D(229)
    assert "[uppskattad" in q.lines[-1].rule
    row = Rate.objects.get(
        organisation=None,
        assignment_type__code="kontaktfamilj",
        law="sol",
        component="fee",
        band="0-12",
        level="grund",
        valid_from=datetime.date(2024, 1, 1),
    )
    assert row.status == "U"
    assert "1,6 %" in row.source


def test_friday_to_sunday_2023_quote():
    q = quote(kf((datetime.date(2023, 3, 10), datetime.date(2023, 3, 12))))
    data = quote_as_json(q)
    assert data["expense_allowance"] == "377.50"  # 2½ × 151
    assert data["fee"] == "1012.50"  # ½ × 225 + 2 × 225 + 2 × 225
    assert [line["quantity"] for line in data["lines"] if line["kind"] == "fee"] == [
        "0.5",
        "1",
        "1",
    ]
    assert data["lines"][0]["date"] == "2023-03-10"


def test_stay_across_new_year_uses_each_years_rates():
    q = quote(kf((datetime.date(2023, 12, 27), datetime.date(2024, 1, 2))))
    rates = {line.date: line.rate for line in q.lines if line.kind == "expense_allowance"}
    assert rates[datetime.date(2023, 12, 31)] == D(151)
    assert rates[datetime.date(2024, 1, 2)] == D(165)


def test_municipal_override_wins_from_its_valid_from(organisation, other_organisation):
    Rate.objects.create(
        organisation=organisation,
        assignment_type=AssignmentType.objects.get(code="kontaktfamilj"),
        law="sol",
        component="fee",
        band="0-12",
        level="grund",
        basis="kronor_day",
        value=D(300),
        rounding="ore_half_up",
        valid_from=datetime.date(2023, 3, 8),
        status="S",
        source="Ekby kommun, beslut i nämnden",
    )
    stay = (datetime.date(2023, 3, 6), datetime.date(2023, 3, 8))  # Mon–Wed
    q = quote(kf(stay), organisation=organisation)
    assert [line.rate for line in q.lines if line.kind == "fee"] == [D(225), D(225), D(300)]
    assert "kommunens eget värde" in q.lines[-1].rule
    # Another organisation and the national quote are untouched.
    assert quote(kf(stay), organisation=other_organisation).fee == D(675)
    assert quote(kf(stay)).fee == D(675)


def test_settings_per_organisation(organisation):
    CompensationSettings.objects.create(organisation=organisation, eves_are_holidays=True)
    eve = datetime.date(2025, 12, 24)
    assert quote(kf((eve, eve))).fee == D(229)
    assert quote(kf((eve, eve)), organisation=organisation).fee == D(458)


def test_hourly_placeholder_and_travel():
    q = quote(
        QuoteRequest(
            assignment_type="ledsagare",
            law="lss",
            hours=D(10),
            hours_date=datetime.date(2023, 5, 2),
            kilometres=D(30),
        )
    )
    data = quote_as_json(q)
    assert data["fee"] == "3010.00"
    assert data["travel"] == "75.00"  # 3 mil × 25 kr
    assert "EXEMPEL" not in data["lines"][0]["rule"]  # the source note is on the rate row
    assert "[uppskattad" in data["lines"][0]["rule"]
    old = quote(
        QuoteRequest(
            assignment_type="avlosare",
            law="sol",
            hours=D(1),
            hours_date=datetime.date(2022, 5, 2),
            kilometres=D(10),
        )
    )
    assert old.travel == D("18.50")


def test_employer_contributions_by_carer_age_and_threshold():
    base = {"hours": D(10), "hours_date": datetime.date(2024, 5, 2)}
    young = quote(QuoteRequest(assignment_type="ledsagare", law="sol", **base))
    assert young.fee == D(2840)
    assert young.employer_contributions == D("892.33")  # 31.42 %
    older = quote(
        QuoteRequest(
            assignment_type="ledsagare",
            law="sol",
            carer_birth_date=datetime.date(1950, 1, 1),
            **base,
        )
    )
    assert older.employer_contributions == D("289.96")  # 10.21 %
    oldest = quote(
        QuoteRequest(
            assignment_type="ledsagare",
            law="sol",
            carer_birth_date=datetime.date(1936, 1, 1),
            **base,
        )
    )
    assert oldest.employer_contributions == D("0.00")
    small = quote(kp(month=datetime.date(2024, 5, 1)))
    assert small.employer_contributions == D(0)
    crossing = quote(kp(month=datetime.date(2024, 5, 1), fee_paid_this_year=D(956)))
    assert crossing.employer_contributions == D("450.56")  # (956 + 478) × 31.42 % = 450.5628


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (kp(month=datetime.date(2031, 1, 1)), "month"),
        (kf((datetime.date(2023, 3, 12), datetime.date(2023, 3, 10))), "stays"),
        (
            kf(
                (datetime.date(2023, 3, 10), datetime.date(2023, 3, 12)),
                birth=datetime.date(2023, 4, 1),
            ),
            "birth_date",
        ),
        (kf(), "stays"),
        (kf((datetime.date(2023, 3, 10), datetime.date(2023, 3, 12)), birth=None), "birth_date"),
        (kf((datetime.date(2031, 3, 10), datetime.date(2031, 3, 12))), "stays"),
        (
            kf(
                (datetime.date(2023, 3, 1), datetime.date(2023, 3, 5)),
                (datetime.date(2023, 3, 4), datetime.date(2023, 3, 6)),
            ),
            "stays",
        ),
        (QuoteRequest(assignment_type="familjehem", law="sol"), "assignment_type"),
        (QuoteRequest(assignment_type="kontaktperson", law="lvu"), "law"),
        (QuoteRequest(assignment_type="ledsagare", law="sol"), "hours"),
        (QuoteRequest(assignment_type="ledsagare", law="sol", hours=D(-1)), "hours"),
    ],
)
def test_impossible_input_is_refused_with_a_field(request_, field):
    with pytest.raises(QuoteError) as error:
        quote(request_)
    assert error.value.field == field
    assert error.value.message


@pytest.mark.parametrize(
    ("year", "fee_status", "expense_status"),
    [(2020, "U", "D"), (2022, "U", "D"), (2023, "S", "S"), (2024, "U", "D"), (2026, "U", "D")],
)
def test_seeded_rows_carry_their_status_and_a_source(year, fee_status, expense_status):
    fee = Rate.objects.get(
        organisation=None,
        assignment_type__code="stodfamilj",
        law="lss",
        component="fee",
        band="13+",
        level="grund",
        valid_from=datetime.date(year, 1, 1),
    )
    expense = Rate.objects.get(
        organisation=None,
        assignment_type__code="stodfamilj",
        law="lss",
        component="expense_allowance",
        band="13+",
        level="grund",
        valid_from=datetime.date(year, 1, 1),
    )
    assert (fee.status, expense.status) == (fee_status, expense_status)
    assert fee.source and expense.source
    assert fee.rounding == "ore_half_up"
    assert expense.rounding == "krona_half_up"
    hourly = Rate.objects.filter(
        organisation=None, component="fee", basis="kronor_hour", valid_from__year=year
    )
    assert hourly.count() == 8
    assert all(row.status == "U" and "EXEMPEL" in row.source for row in hourly)
