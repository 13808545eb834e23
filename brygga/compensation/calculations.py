"""The exact calculation of compensation (domain §4): pure functions on Decimal.

No Django and no database here. The DB-backed entry point (`quoting.py`) resolves the rates
that apply on each date and hands them in as values or as a small lookup function, so every
rule in this module can be tested against the published SKR figures on its own.

Vocabulary: *fee* is arvode (taxable), *expense allowance* is omkostnadsersättning (tax-free
within SKR's levels), *travel* is tax-free mileage. A *dygn* is one day of a stay.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cache

import holidays

ZERO = Decimal("0.00")
ONE = Decimal("1")
HALF = Decimal("0.5")
TWO = Decimal("2")
HUNDRED = Decimal("100")
MONTHS_PER_YEAR = Decimal("12")
DAYS_PER_YEAR = Decimal("365")
KILOMETRES_PER_MIL = Decimal("10")

# The 14-day rule: in a continuous stay of more than 14 days the weekend/holiday doubling of the
# fee applies only within the first 14 days (domain §4.4).
DOUBLING_DAYS_LIMIT = 14


class LineKind(StrEnum):
    FEE = "fee"
    EXPENSE_ALLOWANCE = "expense_allowance"
    TRAVEL = "travel"


class AgeBand(StrEnum):
    """The client's age band for per-day rates (domain §4.3–4.4)."""

    CHILD = "0-12"
    YOUTH = "13+"
    ADULT = "vuxna"


AGE_BAND_LABELS: dict[AgeBand, str] = {
    AgeBand.CHILD: "0–12 år",
    AgeBand.YOUTH: "13 år och äldre",
    AgeBand.ADULT: "vuxna",
}


# --- Rounding rules, named on each rate --------------------------------------------------------


def krona_half_up(value: Decimal) -> Decimal:
    """Nearest whole krona, halves up (SKR's rule for PBB-based amounts), as kr with 2 decimals."""
    return value.quantize(ONE, rounding=ROUND_HALF_UP).quantize(ZERO)


def ore_half_up(value: Decimal) -> Decimal:
    """Nearest öre, halves up."""
    return value.quantize(ZERO, rounding=ROUND_HALF_UP)


ROUNDING_RULES: dict[str, Callable[[Decimal], Decimal]] = {
    "krona_half_up": krona_half_up,
    "ore_half_up": ore_half_up,
}


def round_by(rule: str, value: Decimal) -> Decimal:
    """Round by a named rule; an unknown name is a programming or data error."""
    try:
        return ROUNDING_RULES[rule](value)
    except KeyError:
        raise ValueError(f"unknown rounding rule {rule!r}") from None


def money(value: Decimal) -> Decimal:
    """Two decimals (sums of already rounded amounts stay exact)."""
    return ore_half_up(value)


# --- Rates from the price base amount ----------------------------------------------------------


def pbb_per_month(pbb: Decimal, percent: Decimal, rounding: str = "krona_half_up") -> Decimal:
    """An annual percentage of the price base amount, paid per month: PBB × % ÷ 100 ÷ 12."""
    return round_by(rounding, pbb * percent / HUNDRED / MONTHS_PER_YEAR)


def pbb_per_dygn(pbb: Decimal, percent: Decimal, rounding: str = "krona_half_up") -> Decimal:
    """An annual percentage of the price base amount, paid per dygn: PBB × % ÷ 100 ÷ 365."""
    return round_by(rounding, pbb * percent / HUNDRED / DAYS_PER_YEAR)


def per_kilometre_from_mil(kronor_per_mil: Decimal, rounding: str = "ore_half_up") -> Decimal:
    """Mileage is published per mil (10 km); lines are per kilometre."""
    return round_by(rounding, kronor_per_mil / KILOMETRES_PER_MIL)


# --- Lines and quotes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    kind: str  # "fee" | "expense_allowance" | "travel"
    quantity: Decimal  # months, dygn/days (may be 0.5), hours or kilometres
    rate: Decimal  # kronor per unit, already rounded by the rate's rule
    amount: Decimal  # quantity × rate (× 2 when doubled), 2 decimals
    rule: str  # stable code + ": " + Swedish text
    date: datetime.date | None = None  # per-day lines
    month: str | None = None  # "YYYY-MM" for monthly lines

    @property
    def rule_code(self) -> str:
        return self.rule.split(":", 1)[0]


@dataclass(frozen=True)
class Quote:
    lines: tuple[Line, ...]
    fee: Decimal
    expense_allowance: Decimal
    travel: Decimal
    employer_contributions: Decimal


def line(
    *,
    kind: LineKind | str,
    quantity: Decimal,
    rate: Decimal,
    rule: str,
    multiplier: Decimal = ONE,
    date: datetime.date | None = None,
    month: str | None = None,
) -> Line:
    return Line(
        kind=str(kind),
        quantity=quantity,
        rate=money(rate),
        amount=money(quantity * rate * multiplier),
        rule=rule,
        date=date,
        month=month,
    )


def total(lines: Iterable[Line], kind: LineKind | str) -> Decimal:
    return money(sum((item.amount for item in lines if item.kind == str(kind)), ZERO))


def build_quote(lines: Iterable[Line], employer_contributions: Decimal = ZERO) -> Quote:
    """A quote whose totals are the sums of its lines."""
    all_lines = tuple(lines)
    return Quote(
        lines=all_lines,
        fee=total(all_lines, LineKind.FEE),
        expense_allowance=total(all_lines, LineKind.EXPENSE_ALLOWANCE),
        travel=total(all_lines, LineKind.TRAVEL),
        employer_contributions=money(employer_contributions),
    )


def with_employer_contributions(quote: Quote, contributions: Decimal) -> Quote:
    return Quote(
        lines=quote.lines,
        fee=quote.fee,
        expense_allowance=quote.expense_allowance,
        travel=quote.travel,
        employer_contributions=money(contributions),
    )


# --- Monthly (kontaktperson) -------------------------------------------------------------------


def month_code(month: datetime.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def monthly_lines(
    *,
    assignment_type: str,
    month: datetime.date,
    fee_rate: Decimal | None,
    fee_text: str,
    expense_rate: Decimal | None,
    expense_text: str,
    months: Decimal = ONE,
) -> tuple[Line, ...]:
    """One fee line and one expense allowance line for a month (rates already rounded)."""
    code = month_code(month)
    lines: list[Line] = []
    if fee_rate is not None:
        lines.append(
            line(
                kind=LineKind.FEE,
                quantity=months,
                rate=fee_rate,
                rule=f"{assignment_type}.fee.month: {fee_text}",
                month=code,
            )
        )
    if expense_rate is not None:
        lines.append(
            line(
                kind=LineKind.EXPENSE_ALLOWANCE,
                quantity=months,
                rate=expense_rate,
                rule=f"{assignment_type}.expense_allowance.month: {expense_text}",
                month=code,
            )
        )
    return tuple(lines)


def percent_in_range(percent: Decimal, low: Decimal, high: Decimal) -> bool:
    return low <= percent <= high


# --- Per day (kontaktfamilj, stödfamilj) -------------------------------------------------------


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def age_band_on(birth_date: datetime.date, day: datetime.date) -> AgeBand:
    """0–12 until the 13th birthday, 13+ until the 18th, then adult: the band of that day."""
    age = age_on(birth_date, day)
    if age <= 12:
        return AgeBand.CHILD
    if age <= 17:
        return AgeBand.YOUTH
    return AgeBand.ADULT


@dataclass(frozen=True)
class PerDaySettings:
    """The open questions of domain §4.4, per organisation (defaults as the brief suggests)."""

    double_half_arrival_day: bool = False
    eves_are_holidays: bool = False
    friday_arrival_fraction: Decimal = HALF


@cache
def _swedish_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("SE", years=year, language="sv").items())


def midsummer_eve(year: int) -> datetime.date:
    """Midsommarafton: the Friday between 19 and 25 June."""
    day = datetime.date(year, 6, 19)
    return day + datetime.timedelta(days=(4 - day.weekday()) % 7)


def eve_name(day: datetime.date) -> str | None:
    """Julafton, nyårsafton or midsommarafton (helgdagsaftnar that are not public holidays)."""
    if (day.month, day.day) == (12, 24):
        return "julafton"
    if (day.month, day.day) == (12, 31):
        return "nyårsafton"
    if day == midsummer_eve(day.year):
        return "midsommarafton"
    return None


def holiday_name(day: datetime.date, settings: PerDaySettings = PerDaySettings()) -> str | None:
    """The Swedish public holiday on this day (from `holidays`), or an eve if they count."""
    name = _swedish_holidays(day.year).get(day)
    if name:
        return name.lower()
    if settings.eves_are_holidays:
        return eve_name(day)
    return None


WEEKDAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def double_reason(day: datetime.date, settings: PerDaySettings) -> tuple[str, str] | None:
    """(code, Swedish text) when the fee is doubled on this day, else None."""
    holiday = holiday_name(day, settings)
    if holiday:
        return "holiday_double", f"{holiday}, dubbelt arvode"
    if day.weekday() >= 5:
        return "weekend_double", f"{WEEKDAY_NAMES[day.weekday()]}, dubbelt arvode"
    return None


@dataclass(frozen=True)
class DayRate:
    """A per-day rate with a note for the line's rule text (e.g. its status)."""

    amount: Decimal
    note: str = ""


# The rate of a kind ("fee" / "expense_allowance") for an age band on a day: kronor per dygn,
# already rounded, as a Decimal or a DayRate. Raises whatever it likes for a missing rate
# (quoting raises QuoteError).
DayRateLookup = Callable[[str, AgeBand, datetime.date], "Decimal | DayRate"]


def _day_rate(value: Decimal | DayRate) -> DayRate:
    return value if isinstance(value, DayRate) else DayRate(amount=value)


def stay_days(arrival: datetime.date, departure: datetime.date) -> list[datetime.date]:
    if departure < arrival:
        raise ValueError("a stay cannot end before it starts")
    return [
        arrival + datetime.timedelta(days=offset)
        for offset in range((departure - arrival).days + 1)
    ]


def day_fraction(
    day: datetime.date, arrival: datetime.date, departure: datetime.date, settings: PerDaySettings
) -> Decimal:
    """A Friday arrival counts as a fraction (½) of a dygn, so Friday–Sunday is 2½ dygn.

    Every other day of the stay, departure day included, counts as one dygn (ADR 0020).
    """
    if day == arrival and day.weekday() == 4 and departure > arrival:
        return settings.friday_arrival_fraction
    return ONE


@dataclass(frozen=True)
class StayDay:
    """How one day of a stay is counted (shared by the quote and by carers' reports)."""

    day: datetime.date
    index: int  # 1-based day number within the stay
    fraction: Decimal
    band: AgeBand
    doubled: bool
    double_code: str | None
    double_text: str | None
    not_doubled_reason: str | None  # why a weekend/holiday day is not doubled


def classify_stay(
    arrival: datetime.date,
    departure: datetime.date,
    birth_date: datetime.date,
    settings: PerDaySettings = PerDaySettings(),
) -> list[StayDay]:
    """Count each calendar day of a stay per domain §4.4 (the algorithm there, made exact)."""
    days = stay_days(arrival, departure)
    long_stay = len(days) > DOUBLING_DAYS_LIMIT
    result: list[StayDay] = []
    for index, day in enumerate(days, start=1):
        fraction = day_fraction(day, arrival, departure, settings)
        reason = double_reason(day, settings)
        doubled = reason is not None
        not_doubled: str | None = None
        if doubled and long_stay and index > DOUBLING_DAYS_LIMIT:
            doubled, not_doubled = False, "after_14_days"
        if doubled and fraction < ONE and not settings.double_half_arrival_day:
            doubled, not_doubled = False, "half_arrival_day"
        result.append(
            StayDay(
                day=day,
                index=index,
                fraction=fraction,
                band=age_band_on(birth_date, day),
                doubled=doubled,
                double_code=reason[0] if reason else None,
                double_text=reason[1] if reason else None,
                not_doubled_reason=not_doubled,
            )
        )
    return result


def per_day_lines(
    *,
    assignment_type: str,
    arrival: datetime.date,
    departure: datetime.date,
    birth_date: datetime.date,
    rate_for: DayRateLookup,
    level_text: str = "grund",
    expense_level_text: str = "grund",
    settings: PerDaySettings = PerDaySettings(),
    include_fee: bool = True,
    include_expense_allowance: bool = True,
) -> tuple[Line, ...]:
    """Fee and expense allowance lines for each day of one stay."""
    lines: list[Line] = []
    for stay_day in classify_stay(arrival, departure, birth_date, settings):
        band_text = AGE_BAND_LABELS[stay_day.band]
        half = stay_day.fraction < ONE
        part = " (ankomstdag fredag, del av dygn)" if half else ""
        if include_expense_allowance:
            expense = _day_rate(rate_for(LineKind.EXPENSE_ALLOWANCE, stay_day.band, stay_day.day))
            lines.append(
                line(
                    kind=LineKind.EXPENSE_ALLOWANCE,
                    quantity=stay_day.fraction,
                    rate=expense.amount,
                    rule=(
                        f"{assignment_type}.expense_allowance.dygn: omkostnad per dygn, "
                        f"{band_text}, {expense_level_text}{part}{expense.note}"
                    ),
                    date=stay_day.day,
                )
            )
        if include_fee:
            if stay_day.doubled:
                code = f"{assignment_type}.fee.{stay_day.double_code}"
                text = f"{stay_day.double_text}, {band_text}, {level_text}{part}"
            elif stay_day.not_doubled_reason == "after_14_days":
                code = f"{assignment_type}.fee.after_14_days"
                text = (
                    f"{stay_day.double_text} efter de första 14 dagarna, enkelt arvode, "
                    f"{band_text}, {level_text}"
                )
            elif stay_day.not_doubled_reason == "half_arrival_day":
                code = f"{assignment_type}.fee.half_arrival_day"
                text = f"ankomstdag fredag, del av dygn, enkelt arvode, {band_text}, {level_text}"
            else:
                code = f"{assignment_type}.fee.day"
                text = f"arvode per dag, {band_text}, {level_text}{part}"
            fee = _day_rate(rate_for(LineKind.FEE, stay_day.band, stay_day.day))
            lines.append(
                line(
                    kind=LineKind.FEE,
                    quantity=stay_day.fraction,
                    rate=fee.amount,
                    multiplier=TWO if stay_day.doubled else ONE,
                    rule=f"{code}: {text}{fee.note}",
                    date=stay_day.day,
                )
            )
    return tuple(lines)


def check_stays(stays: Iterable[tuple[datetime.date, datetime.date]]) -> None:
    """Stays must be in order and must not overlap (a day is paid once)."""
    ordered = sorted(stays)
    for arrival, departure in ordered:
        if departure < arrival:
            raise ValueError("a stay cannot end before it starts")
    for (_a1, d1), (a2, _d2) in itertools.pairwise(ordered):
        if a2 <= d1:
            raise ValueError("stays overlap")


# --- Hourly and travel -------------------------------------------------------------------------


def hourly_lines(
    *,
    assignment_type: str,
    hours: Decimal,
    rate: Decimal,
    rate_text: str,
    day: datetime.date | None = None,
) -> tuple[Line, ...]:
    return (
        line(
            kind=LineKind.FEE,
            quantity=hours,
            rate=rate,
            rule=f"{assignment_type}.fee.hour: {rate_text}",
            date=day,
        ),
    )


def travel_lines(
    *,
    kilometres: Decimal,
    rate_per_km: Decimal,
    rate_text: str,
    day: datetime.date | None = None,
    month: str | None = None,
) -> tuple[Line, ...]:
    return (
        line(
            kind=LineKind.TRAVEL,
            quantity=kilometres,
            rate=rate_per_km,
            rule=f"travel.km: {rate_text}",
            date=day,
            month=month,
        ),
    )


# --- Employer contributions --------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerContributionBand:
    """A dated rate by the carer's birth year (born_from/born_to inclusive, None = open)."""

    percent: Decimal
    born_from: int | None = None
    born_to: int | None = None
    threshold: Decimal = Decimal("1000")

    def covers(self, birth_year: int | None) -> bool:
        if birth_year is None:
            return self.born_to is None  # unknown age: the full (youngest) rate
        low_ok = self.born_from is None or birth_year >= self.born_from
        high_ok = self.born_to is None or birth_year <= self.born_to
        return low_ok and high_ok


def employer_contribution_band(
    bands: Iterable[EmployerContributionBand], birth_year: int | None
) -> EmployerContributionBand:
    for band in bands:
        if band.covers(birth_year):
            return band
    raise ValueError("no employer contribution rate covers this birth year")


def employer_contributions(
    *,
    fee: Decimal,
    percent: Decimal,
    fee_paid_this_year: Decimal = ZERO,
    threshold: Decimal = Decimal("1000"),
) -> Decimal:
    """Arbetsgivaravgifter on the fee only (2 kap. 14 § SAL).

    None while the payer's fees to the person stay below the threshold (1 000 kr) in the year;
    once reached they apply from the first krona, so the payment that crosses it also carries
    the contributions on the earlier fees of the year.
    """
    year_total = fee_paid_this_year + fee
    if year_total < threshold or fee <= 0:
        return ZERO
    base = year_total if fee_paid_this_year < threshold else fee
    return ore_half_up(base * percent / HUNDRED)
