"""The pure calculation against every figure of domain §4.2–4.4, plus hypothesis properties."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brygga.compensation import calculations as calc

D = Decimal
PBB = {
    2020: D(47300),
    2021: D(47600),
    2022: D(48300),
    2023: D(52500),
    2024: D(57300),
    2025: D(58800),
    2026: D(59200),
}

# Domain §4.2: (year, omk 10 %, 25 %, 40 %, kat1 min–max, kat2 min–max, kat3 min–max).
KONTAKTPERSON = [
    (2020, 394, 985, 1577, (394, 1380), (788, 1774), (1183, 2168)),
    (2021, 397, 992, 1587, (397, 1388), (793, 1785), (1190, 2182)),
    (2022, 403, 1006, 1610, (403, 1409), (805, 1811), (1208, 2214)),
    (2023, 438, 1094, 1750, (438, 1531), (875, 1969), (1313, 2406)),
    (2024, 478, 1194, 1910, (478, 1671), (955, 2149), (1433, 2626)),
    (2025, 490, 1225, 1960, (490, 1715), (980, 2205), (1470, 2695)),
    (2026, 493, 1233, 1973, (493, 1727), (987, 2220), (1480, 2713)),
]

# Domain §4.3: (year, 0–12 grund, 0–12 tillägg, 13+ grund, 13+ tillägg).
KONTAKTFAMILJ_DYGN = [
    (2020, 136, 194, 156, 220),
    (2021, 137, 196, 156, 222),
    (2022, 139, 198, 159, 225),
    (2023, 151, 216, 173, 245),
    (2024, 165, 235, 188, 267),
    (2025, 169, 242, 193, 274),
    (2026, 170, 243, 195, 276),
]


@pytest.mark.parametrize(("year", "omk10", "omk25", "omk40", "kat1", "kat2", "kat3"), KONTAKTPERSON)
def test_kontaktperson_monthly_amounts_match_domain_table(
    year, omk10, omk25, omk40, kat1, kat2, kat3
):
    pbb = PBB[year]
    assert calc.pbb_per_month(pbb, D(10)) == D(omk10)
    assert calc.pbb_per_month(pbb, D(25)) == D(omk25)
    assert calc.pbb_per_month(pbb, D(40)) == D(omk40)
    for (low, high), (low_pct, high_pct) in zip(
        (kat1, kat2, kat3), ((10, 35), (20, 45), (30, 55)), strict=True
    ):
        assert calc.pbb_per_month(pbb, D(low_pct)) == D(low)
        assert calc.pbb_per_month(pbb, D(high_pct)) == D(high)


@pytest.mark.parametrize(("year", "child", "child_plus", "youth", "youth_plus"), KONTAKTFAMILJ_DYGN)
def test_kontaktfamilj_expense_per_dygn_matches_domain_table(
    year, child, child_plus, youth, youth_plus
):
    pbb = PBB[year]
    assert calc.pbb_per_dygn(pbb, D(105)) == D(child)
    assert calc.pbb_per_dygn(pbb, D(150)) == D(child_plus)
    assert calc.pbb_per_dygn(pbb, D(120)) == D(youth)
    assert calc.pbb_per_dygn(pbb, D(170)) == D(youth_plus)


def test_rounding_rules_are_named_and_half_up():
    assert calc.round_by("krona_half_up", D("1093.50")) == D("1094.00")
    assert calc.round_by("krona_half_up", D("1093.49")) == D("1093.00")
    assert calc.round_by("ore_half_up", D("2.345")) == D("2.35")
    assert str(calc.krona_half_up(D("437.5"))) == "438.00"
    with pytest.raises(ValueError, match="unknown rounding"):
        calc.round_by("bankers", D(1))


def test_mileage_per_kilometre_from_mil():
    assert calc.per_kilometre_from_mil(D(25)) == D("2.50")
    assert calc.per_kilometre_from_mil(D("18.50")) == D("1.85")


# --- Per day ---------------------------------------------------------------------------------

RATES_2023 = {
    ("fee", calc.AgeBand.CHILD): D(225),
    ("fee", calc.AgeBand.YOUTH): D(292),
    ("fee", calc.AgeBand.ADULT): D(359),
    ("expense_allowance", calc.AgeBand.CHILD): D(151),
    ("expense_allowance", calc.AgeBand.YOUTH): D(173),
    ("expense_allowance", calc.AgeBand.ADULT): D(173),
}


def rates_2023(kind, band, day):
    return RATES_2023[(kind, band)]


CHILD = datetime.date(2015, 3, 1)


def quote_stay(arrival, departure, birth_date=CHILD, rate_for=rates_2023, settings=None):
    lines = calc.per_day_lines(
        assignment_type="kontaktfamilj",
        arrival=arrival,
        departure=departure,
        birth_date=birth_date,
        rate_for=rate_for,
        settings=settings or calc.PerDaySettings(),
    )
    return calc.build_quote(lines)


def test_friday_to_sunday_is_two_and_a_half_dygn_with_weekend_doubled():
    q = quote_stay(datetime.date(2023, 3, 10), datetime.date(2023, 3, 12))
    # Omkostnad: 2½ dygn × 151.
    assert q.expense_allowance == D("377.50")
    # Arvode: ½ × 225 (Friday, not doubled) + 2 × 225 (Saturday) + 2 × 225 (Sunday).
    assert q.fee == D("1012.50")
    fee = [item for item in q.lines if item.kind == "fee"]
    assert [item.quantity for item in fee] == [D("0.5"), D(1), D(1)]
    assert [item.rule_code for item in fee] == [
        "kontaktfamilj.fee.day",
        "kontaktfamilj.fee.weekend_double",
        "kontaktfamilj.fee.weekend_double",
    ]
    assert [item.amount for item in fee] == [D("112.50"), D("450.00"), D("450.00")]


def test_weekday_stay_counts_whole_dygn_and_no_doubling():
    q = quote_stay(datetime.date(2023, 3, 6), datetime.date(2023, 3, 8))  # Mon–Wed
    assert q.expense_allowance == D(3 * 151)
    assert q.fee == D(3 * 225)


def test_public_holiday_on_a_weekday_is_doubled():
    # Midsommardagen 2023 is Saturday 24 June; juldagen 2023 is a Monday.
    q = quote_stay(datetime.date(2023, 12, 25), datetime.date(2023, 12, 25))
    assert q.fee == D(450)
    assert q.lines[-1].rule.startswith("kontaktfamilj.fee.holiday_double: juldagen")
    midsummer = quote_stay(datetime.date(2023, 6, 24), datetime.date(2023, 6, 24))
    assert "midsommardagen" in midsummer.lines[-1].rule


def test_eves_are_not_holidays_unless_the_setting_says_so():
    eve = datetime.date(2025, 12, 24)  # Wednesday
    assert quote_stay(eve, eve).fee == D(225)
    counted = quote_stay(eve, eve, settings=calc.PerDaySettings(eves_are_holidays=True))
    assert counted.fee == D(450)
    assert calc.eve_name(datetime.date(2024, 6, 21)) == "midsommarafton"


def test_half_arrival_day_on_a_holiday_is_doubled_only_by_setting():
    good_friday = datetime.date(2023, 4, 7)
    default = quote_stay(good_friday, datetime.date(2023, 4, 9))
    fee = [item for item in default.lines if item.kind == "fee"]
    assert fee[0].amount == D("112.50")
    assert fee[0].rule_code == "kontaktfamilj.fee.half_arrival_day"
    doubled = quote_stay(
        good_friday,
        datetime.date(2023, 4, 9),
        settings=calc.PerDaySettings(double_half_arrival_day=True),
    )
    assert next(item for item in doubled.lines if item.kind == "fee").amount == D("225.00")


def test_friday_arrival_fraction_is_a_setting():
    q = quote_stay(
        datetime.date(2023, 3, 10),
        datetime.date(2023, 3, 12),
        settings=calc.PerDaySettings(friday_arrival_fraction=D(1)),
    )
    assert q.expense_allowance == D(3 * 151)


def test_fourteen_day_rule():
    # Monday 3 July – Sunday 23 July 2023: 21 days. Weekends: 8–9, 15–16 (within 14 days) and
    # 22–23 July (days 20 and 21): not doubled.
    q = quote_stay(datetime.date(2023, 7, 3), datetime.date(2023, 7, 23))
    fee = [item for item in q.lines if item.kind == "fee"]
    doubled = [item.date.day for item in fee if item.amount == D(450)]
    assert doubled == [8, 9, 15, 16]
    assert [item.rule_code for item in fee if item.date.day in (22, 23)] == [
        "kontaktfamilj.fee.after_14_days"
    ] * 2
    assert q.fee == D(21 * 225 + 4 * 225)


def test_exactly_fourteen_days_keeps_all_doubling():
    # Monday 3 July – Sunday 16 July 2023: 14 days, both weekends doubled.
    q = quote_stay(datetime.date(2023, 7, 3), datetime.date(2023, 7, 16))
    assert q.fee == D(14 * 225 + 4 * 225)


def test_birthday_during_a_stay_switches_band_that_day():
    birth = datetime.date(2010, 3, 11)  # turns 13 on Saturday 11 March 2023
    q = quote_stay(datetime.date(2023, 3, 10), datetime.date(2023, 3, 12), birth_date=birth)
    expense = [item for item in q.lines if item.kind == "expense_allowance"]
    assert [item.rate for item in expense] == [D(151), D(173), D(173)]
    assert "13 år och äldre" in expense[1].rule
    assert q.fee == D("112.50") + D(2 * 292) * 2


def test_age_bands():
    birth = datetime.date(2000, 2, 29)
    assert calc.age_band_on(birth, datetime.date(2013, 2, 28)) == calc.AgeBand.CHILD
    assert calc.age_band_on(birth, datetime.date(2013, 3, 1)) == calc.AgeBand.YOUTH
    assert calc.age_band_on(birth, datetime.date(2018, 3, 1)) == calc.AgeBand.ADULT


def test_stay_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="end before"):
        quote_stay(datetime.date(2023, 3, 12), datetime.date(2023, 3, 10))
    with pytest.raises(ValueError, match="overlap"):
        calc.check_stays(
            [
                (datetime.date(2023, 3, 1), datetime.date(2023, 3, 5)),
                (datetime.date(2023, 3, 5), datetime.date(2023, 3, 6)),
            ]
        )


# --- Monthly, hourly, travel ------------------------------------------------------------------


def test_monthly_lines_carry_the_month():
    lines = calc.monthly_lines(
        assignment_type="kontaktperson",
        month=datetime.date(2023, 5, 1),
        fee_rate=D(438),
        fee_text="kategori 1",
        expense_rate=D(1094),
        expense_text="25 %",
    )
    q = calc.build_quote(lines)
    assert (q.fee, q.expense_allowance) == (D("438.00"), D("1094.00"))
    assert {item.month for item in lines} == {"2023-05"}


def test_hourly_and_travel():
    lines = calc.hourly_lines(
        assignment_type="ledsagare", hours=D("7.5"), rate=D(284), rate_text="exempel"
    ) + calc.travel_lines(kilometres=D(42), rate_per_km=D("2.50"), rate_text="25 kr/mil")
    q = calc.build_quote(lines)
    assert q.fee == D("2130.00")
    assert q.travel == D("105.00")
    assert q.expense_allowance == D("0.00")


# --- Employer contributions -------------------------------------------------------------------

BANDS_2024 = [
    calc.EmployerContributionBand(percent=D("31.42"), born_from=1958),
    calc.EmployerContributionBand(percent=D("10.21"), born_from=1938, born_to=1957),
    calc.EmployerContributionBand(percent=D("0"), born_to=1937),
]


@pytest.mark.parametrize(
    ("birth_year", "percent"),
    [
        (1990, "31.42"),
        (1958, "31.42"),
        (1957, "10.21"),
        (1938, "10.21"),
        (1937, "0"),
        (None, "31.42"),
    ],
)
def test_employer_contribution_band_by_birth_year(birth_year, percent):
    assert calc.employer_contribution_band(BANDS_2024, birth_year).percent == D(percent)


def test_employer_contributions_threshold_from_the_first_krona():
    percent = D("31.42")
    assert calc.employer_contributions(fee=D(999), percent=percent) == D(0)
    assert calc.employer_contributions(fee=D(1000), percent=percent) == D("314.20")
    # 600 paid earlier (no contributions then); this 600 crosses 1 000: both are charged.
    assert calc.employer_contributions(fee=D(600), percent=percent, fee_paid_this_year=D(600)) == D(
        "377.04"
    )
    # Already above the threshold: only this payment.
    assert calc.employer_contributions(
        fee=D(600), percent=percent, fee_paid_this_year=D(1200)
    ) == D("188.52")


# --- Properties -------------------------------------------------------------------------------

dates = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2026, 12, 31))
money_rates = st.decimals(min_value=D(0), max_value=D(2000), places=2)


@settings(max_examples=60, deadline=None)
@given(arrival=dates, length=st.integers(min_value=0, max_value=40), extra=st.integers(1, 10))
def test_a_longer_stay_never_costs_less(arrival, length, extra):
    shorter = quote_stay(arrival, arrival + datetime.timedelta(days=length))
    longer = quote_stay(arrival, arrival + datetime.timedelta(days=length + extra))
    assert longer.fee >= shorter.fee
    assert longer.expense_allowance >= shorter.expense_allowance


@settings(max_examples=60, deadline=None)
@given(
    arrival=dates, length=st.integers(0, 30), fee_a=money_rates, fee_b=money_rates, omk=money_rates
)
def test_fee_and_allowance_never_mix(arrival, length, fee_a, fee_b, omk):
    departure = arrival + datetime.timedelta(days=length)

    def rates(fee):
        return lambda kind, band, day: fee if kind == "fee" else omk

    a = quote_stay(arrival, departure, rate_for=rates(fee_a))
    b = quote_stay(arrival, departure, rate_for=rates(fee_b))
    assert a.expense_allowance == b.expense_allowance
    c = quote_stay(
        arrival, departure, rate_for=lambda kind, band, day: fee_a if kind == "fee" else fee_b
    )
    assert c.fee == a.fee


@settings(max_examples=60, deadline=None)
@given(
    arrival=dates,
    length=st.integers(0, 30),
    birth=st.dates(datetime.date(1990, 1, 1), datetime.date(2019, 12, 31)),
)
def test_sums_equal_line_totals_and_amounts_have_two_decimals(arrival, length, birth):
    q = quote_stay(arrival, arrival + datetime.timedelta(days=length), birth_date=birth)
    assert q.fee == sum(item.amount for item in q.lines if item.kind == "fee")
    assert q.expense_allowance == sum(
        item.amount for item in q.lines if item.kind == "expense_allowance"
    )
    for value in (q.fee, q.expense_allowance, q.travel, q.employer_contributions):
        assert value.as_tuple().exponent == -2
    for item in q.lines:
        assert item.amount.as_tuple().exponent == -2
        assert item.rate.as_tuple().exponent == -2
