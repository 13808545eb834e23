"""The quote: "what will this cost?" from the rate tables (the stable interface of issue 6).

`quote()` loads price base amounts, rates (an organisation's own rows win from their
valid_from), the organisation's settings and employer contribution rates, then calls the pure
functions in `calculations.py`. The command `compensation_quote`, the API and the cost estimate
on a decision's page all go through here; contracts and payments call it and store each line's
rate, amount and rule on their own rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from . import calculations as calc
from .constants import (
    HOURLY_TYPES,
    KONTAKTPERSON_CATEGORIES,
    KONTAKTPERSON_EXPENSE_LEVELS,
    MONTHLY_TYPES,
    PBB_BASES,
    PER_DAY_EXPENSE_LEVELS,
    PER_DAY_FEE_LEVELS,
    QUOTE_TYPES,
    Basis,
    Component,
    Law,
)
from .models import CompensationSettings, EmployerContributionRate, PriceBaseAmount, Rate

if TYPE_CHECKING:
    from brygga.accounts.models import Organisation


@dataclass(frozen=True)
class QuoteRequest:
    assignment_type: str  # catalogue code, one of constants.QUOTE_TYPES
    law: str  # "sol" | "lss"
    month: datetime.date | None = None  # first of month, for monthly types (default: this month)
    fee_percent: Decimal | None = None  # kontaktperson: % of PBB per year (category range)
    expense_percent: Decimal | None = None  # kontaktperson: 10 / 25 / 40 or agreed
    fee_level: str | None = None  # kontaktperson: kategori_1..3; per-day: grund (default), hojd_1..
    expense_level: str | None = None  # kontaktperson: 10/25/40; per-day: grund (default), tillagg
    birth_date: datetime.date | None = None  # the CLIENT's birth date (age band per day)
    stays: tuple[tuple[datetime.date, datetime.date], ...] = ()  # arrival, departure
    hours: Decimal | None = None
    hours_date: datetime.date | None = None  # which year's hourly rate (default: month or today)
    kilometres: Decimal | None = None
    carer_birth_date: datetime.date | None = None  # employer contribution rate (default: full)
    fee_paid_this_year: Decimal = Decimal("0")  # for the 1 000 kr threshold


class QuoteError(ValueError):
    """Impossible input; `field` names the input, `message` is Swedish and user-facing."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _kr(value: Decimal) -> str:
    """12 345,00 kr → Swedish display in rule texts (spaces for thousands, comma decimals)."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",")
    return text.removesuffix(",00")


def _pct(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


class RateBook:
    """The rates, price base amounts and settings that apply to one quote."""

    def __init__(
        self, *, organisation: Organisation | None, assignment_type: str, law: str
    ) -> None:
        self.organisation = organisation
        owners = Q(organisation__isnull=True)
        if organisation is not None:
            owners |= Q(organisation=organisation)
        self.rows = list(
            Rate.objects.filter(owners)
            .filter(Q(assignment_type__code=assignment_type) | Q(assignment_type__isnull=True))
            .filter(law__in=(law, ""))
            .select_related("assignment_type")
        )
        self.pbb = {row.year: row.amount for row in PriceBaseAmount.objects.all()}
        settings_row = (
            CompensationSettings.objects.filter(organisation=organisation).first()
            if organisation is not None
            else None
        )
        self.settings = (
            calc.PerDaySettings(
                double_half_arrival_day=settings_row.double_half_arrival_day,
                eves_are_holidays=settings_row.eves_are_holidays,
                friday_arrival_fraction=settings_row.friday_arrival_fraction,
            )
            if settings_row is not None
            else calc.PerDaySettings()
        )

    def find(
        self, component: str, band: str, level: str, day: datetime.date, *, field: str
    ) -> Rate:
        """The row in force on `day`: own overrides first, then the most specific, newest."""
        candidates = [
            row
            for row in self.rows
            if row.component == component
            and row.band == band
            and row.level == level
            and row.valid_from <= day
            and (row.valid_to is None or day <= row.valid_to)
        ]
        if not candidates:
            raise QuoteError(
                field,
                f"Det finns ingen ersättningsnivå för {day.year} för det här valet "
                f"({day.isoformat()}).",
            )
        return max(
            candidates,
            key=lambda row: (
                row.organisation_id is not None,
                row.assignment_type_id is not None,
                row.law != "",
                row.valid_from,
            ),
        )

    def levels(self, component: str, day: datetime.date) -> list[Rate]:
        codes = {row.level for row in self.rows if row.component == component}
        found = []
        for code in sorted(codes):
            try:
                found.append(self.find(component, "", code, day, field="level"))
            except QuoteError:
                continue
        return found

    def price_base_amount(self, year: int, *, field: str) -> Decimal:
        try:
            return self.pbb[year]
        except KeyError:
            raise QuoteError(field, f"Det finns inget prisbasbelopp för {year}.") from None

    def kronor_per_unit(
        self, row: Rate, day: datetime.date, *, field: str, percent: Decimal | None = None
    ) -> tuple[Decimal, str]:
        """The row's value in kronor per unit (month, dygn, day, hour, km) and a short text."""
        value = row.value if percent is None else percent
        basis = row.basis
        if basis == Basis.PBB_PERCENT_MONTH:
            pbb = self.price_base_amount(day.year, field=field)
            amount = calc.pbb_per_month(pbb, value, row.rounding)
            return amount, f"{_pct(value)} % av prisbasbeloppet {_kr(pbb)} kr ÷ 12"
        if basis == Basis.PBB_PERCENT_DYGN:
            pbb = self.price_base_amount(day.year, field=field)
            amount = calc.pbb_per_dygn(pbb, value, row.rounding)
            return amount, f"{_pct(value)} % av prisbasbeloppet {_kr(pbb)} kr ÷ 365"
        if basis == Basis.KRONOR_MIL:
            per_km = calc.per_kilometre_from_mil(value, row.rounding)
            return per_km, f"{_kr(value)} kr per mil"
        amount = calc.round_by(row.rounding, value)
        return amount, f"{_kr(amount)} kr"


def _status_note(row: Rate) -> str:
    own = ", kommunens eget värde" if row.organisation_id else ""
    return f" [{row.get_status_display().lower()}{own}]"


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def quote(request: QuoteRequest, *, organisation: Organisation | None = None) -> calc.Quote:
    """Quote fee, expense allowance, travel and employer contributions; QuoteError if impossible."""
    if request.assignment_type not in QUOTE_TYPES:
        raise QuoteError("assignment_type", "Okänd uppdragstyp.")
    if request.law not in Law.values:
        raise QuoteError("law", "Ange lag: SoL eller LSS.")
    for name in ("hours", "kilometres", "fee_percent", "expense_percent"):
        value = getattr(request, name)
        if value is not None and value < 0:
            raise QuoteError(name, "Värdet kan inte vara negativt.")
    if request.fee_paid_this_year < 0:
        raise QuoteError("fee_paid_this_year", "Värdet kan inte vara negativt.")
    book = RateBook(
        organisation=organisation, assignment_type=request.assignment_type, law=request.law
    )
    today = timezone.localdate()
    if request.assignment_type in MONTHLY_TYPES:
        reference = _first_of_month(request.month or today)
        lines = _monthly(request, book, reference)
    elif request.assignment_type in HOURLY_TYPES:
        reference = request.hours_date or request.month or today
        lines = _hourly(request, book, reference)
    else:
        lines = _per_day(request, book)
        reference = min(arrival for arrival, _departure in request.stays)
    if request.kilometres is not None and request.kilometres > 0:
        row = book.find(Component.TRAVEL, "", "", reference, field="kilometres")
        per_km, text = book.kronor_per_unit(row, reference, field="kilometres")
        lines += calc.travel_lines(
            kilometres=request.kilometres,
            rate_per_km=per_km,
            rate_text=f"milersättning {text}, skattefri{_status_note(row)}",
            month=calc.month_code(reference) if request.assignment_type in MONTHLY_TYPES else None,
            day=None if request.assignment_type in MONTHLY_TYPES else reference,
        )
    result = calc.build_quote(lines)
    contributions = _employer_contributions(request, result.fee, reference)
    return calc.with_employer_contributions(result, contributions)


def _monthly(request: QuoteRequest, book: RateBook, month: datetime.date) -> tuple[calc.Line, ...]:
    # Fee: a category (default 1) at its recommended value, or an agreed percent inside it.
    category = request.fee_level
    if category is not None and category not in KONTAKTPERSON_CATEGORIES:
        raise QuoteError("fee_level", "Välj kategori 1, 2 eller 3.")
    categories = [
        book.find(Component.FEE, "", code, month, field="month")
        for code in ([category] if category else KONTAKTPERSON_CATEGORIES)
    ]
    if request.fee_percent is None:
        fee_row = categories[0]
        percent = None
    else:
        percent = request.fee_percent
        inside = [row for row in categories if _in_range(row, percent)]
        if not inside:
            ranges = ", ".join(_range_text(row) for row in categories)
            raise QuoteError(
                "fee_percent",
                f"Arvodet {_pct(percent)} % ligger utanför kategorins intervall ({ranges}).",
            )
        fee_row = inside[0]
        if fee_row.basis not in PBB_BASES:
            raise QuoteError(
                "fee_percent",
                "Kommunen har ett eget belopp i kronor för den här kategorin; ange ingen procent.",
            )
    fee_rate, fee_text = book.kronor_per_unit(fee_row, month, field="month", percent=percent)
    fee_text = f"{fee_row.get_level_display()}, {fee_text}{_status_note(fee_row)}"

    # Expense allowance: a level (10/25/40, default 10), or an agreed percent up to the top level.
    level = request.expense_level
    if level is not None and level not in KONTAKTPERSON_EXPENSE_LEVELS:
        raise QuoteError("expense_level", "Välj omkostnadsnivå 10, 25 eller 40 %.")
    expense_percent: Decimal | None = None
    if level is not None:
        expense_row = book.find(Component.EXPENSE_ALLOWANCE, "", level, month, field="month")
    elif request.expense_percent is not None:
        levels = book.levels(Component.EXPENSE_ALLOWANCE, month)
        if not levels:
            raise QuoteError("month", f"Det finns ingen omkostnadsnivå för {month.year}.")
        exact = [row for row in levels if row.level == _pct(request.expense_percent)]
        if exact:
            expense_row = exact[0]
        else:
            top = max(levels, key=lambda row: row.value)
            if top.basis not in PBB_BASES or request.expense_percent > top.value:
                raise QuoteError(
                    "expense_percent",
                    f"Omkostnaden kan vara högst {_pct(top.value)} % av prisbasbeloppet.",
                )
            expense_row, expense_percent = top, request.expense_percent
    else:
        expense_row = book.find(
            Component.EXPENSE_ALLOWANCE, "", KONTAKTPERSON_EXPENSE_LEVELS[0], month, field="month"
        )
    expense_rate, expense_text = book.kronor_per_unit(
        expense_row, month, field="month", percent=expense_percent
    )
    label = "överenskommen omkostnad" if expense_percent is not None else "omkostnad"
    expense_text = f"{label}, {expense_text}{_status_note(expense_row)}"
    return calc.monthly_lines(
        assignment_type=request.assignment_type,
        month=month,
        fee_rate=fee_rate,
        fee_text=fee_text,
        expense_rate=expense_rate,
        expense_text=expense_text,
    )


def _in_range(row: Rate, percent: Decimal) -> bool:
    low = row.range_min if row.range_min is not None else row.value
    high = row.range_max if row.range_max is not None else row.value
    return calc.percent_in_range(percent, low, high)


def _range_text(row: Rate) -> str:
    low = row.range_min if row.range_min is not None else row.value
    high = row.range_max if row.range_max is not None else row.value
    return f"{row.get_level_display()}: {_pct(low)}–{_pct(high)} %"


def _per_day(request: QuoteRequest, book: RateBook) -> tuple[calc.Line, ...]:
    if not request.stays:
        raise QuoteError("stays", "Ange minst en vistelse med ankomst- och avresedag.")
    for arrival, departure in request.stays:
        if departure < arrival:
            raise QuoteError("stays", "En vistelse kan inte sluta innan den börjar.")
    try:
        calc.check_stays(request.stays)
    except ValueError:
        raise QuoteError("stays", "Vistelserna överlappar varandra.") from None
    if request.birth_date is None:
        raise QuoteError("birth_date", "Ange klientens födelsedatum (åldersgruppen avgör nivån).")
    first_arrival = min(arrival for arrival, _departure in request.stays)
    if request.birth_date > first_arrival:
        raise QuoteError("birth_date", "Födelsedatumet kan inte vara efter vistelsen.")
    fee_level = request.fee_level or "grund"
    if fee_level not in PER_DAY_FEE_LEVELS:
        raise QuoteError("fee_level", "Okänd arvodesnivå.")
    expense_level = request.expense_level or "grund"
    if expense_level not in PER_DAY_EXPENSE_LEVELS:
        raise QuoteError("expense_level", "Välj omkostnadsnivå grund eller tillägg.")
    levels = {"fee": fee_level, "expense_allowance": expense_level}

    def rate_for(kind: str, band: calc.AgeBand, day: datetime.date) -> calc.DayRate:
        row = book.find(kind, band.value, levels[kind], day, field="stays")
        amount, text = book.kronor_per_unit(row, day, field="stays")
        note = f" ({text})" if row.basis in PBB_BASES else ""
        return calc.DayRate(amount=amount, note=f"{note}{_status_note(row)}")

    lines: list[calc.Line] = []
    level_names = {"grund": "grund", "tillagg": "grund och tillägg"}
    for arrival, departure in sorted(request.stays):
        lines += calc.per_day_lines(
            assignment_type=request.assignment_type,
            arrival=arrival,
            departure=departure,
            birth_date=request.birth_date,
            rate_for=rate_for,
            level_text=level_names.get(fee_level, fee_level.replace("_", " ")),
            expense_level_text=level_names[expense_level],
            settings=book.settings,
        )
    return tuple(lines)


def _hourly(request: QuoteRequest, book: RateBook, day: datetime.date) -> tuple[calc.Line, ...]:
    if request.hours is None:
        raise QuoteError("hours", "Ange antal timmar.")
    row = book.find(Component.FEE, "", "", day, field="hours_date")
    rate, text = book.kronor_per_unit(row, day, field="hours_date")
    return calc.hourly_lines(
        assignment_type=request.assignment_type,
        hours=request.hours,
        rate=rate,
        rate_text=f"timersättning {text} per timme{_status_note(row)}",
        day=request.hours_date,
    )


def employer_contribution_bands(day: datetime.date) -> list[calc.EmployerContributionBand]:
    rows = EmployerContributionRate.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return [
        calc.EmployerContributionBand(
            percent=row.percent,
            born_from=row.born_from_year,
            born_to=row.born_to_year,
            threshold=row.threshold,
        )
        for row in rows
    ]


def _employer_contributions(request: QuoteRequest, fee: Decimal, day: datetime.date) -> Decimal:
    if fee <= 0:
        return calc.ZERO
    birth_year = request.carer_birth_date.year if request.carer_birth_date else None
    try:
        band = calc.employer_contribution_band(employer_contribution_bands(day), birth_year)
    except ValueError:
        raise QuoteError(
            "carer_birth_date", f"Det finns ingen arbetsgivaravgift för {day.isoformat()}."
        ) from None
    return calc.employer_contributions(
        fee=fee,
        percent=band.percent,
        fee_paid_this_year=request.fee_paid_this_year,
        threshold=band.threshold,
    )


def _amount(value: Decimal) -> str:
    return f"{calc.money(value):.2f}"


def _quantity(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def line_as_json(item: calc.Line) -> dict[str, str]:
    data: dict[str, str] = {}
    if item.date is not None:
        data["date"] = item.date.isoformat()
    if item.month is not None:
        data["month"] = item.month
    data.update(
        kind=item.kind,
        quantity=_quantity(item.quantity),
        rate=_amount(item.rate),
        amount=_amount(item.amount),
        rule=item.rule,
    )
    return data


def quote_as_json(q: calc.Quote) -> dict[str, Any]:
    """The stable JSON shape of issue 6 (plus "travel", always present)."""
    return {
        "fee": _amount(q.fee),
        "expense_allowance": _amount(q.expense_allowance),
        "employer_contributions": _amount(q.employer_contributions),
        "travel": _amount(q.travel),
        "lines": [line_as_json(item) for item in q.lines],
    }
