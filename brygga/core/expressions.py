"""Calendar-month date arithmetic in SQL, the same on SQLite and PostgreSQL, so lists can
filter and sort on computed dates (an IVO date, the end of a register extract's year)."""

from __future__ import annotations

from typing import Any

from django.db.models import DateField, Func
from django.db.models.sql.compiler import SQLCompiler


class AddMonths(Func):
    """`expression` plus `months` calendar months, clamped to the end of a shorter month,
    like `clients.deadlines.add_months`. Written for SQLite and PostgreSQL, the two databases
    Brygga runs on (ADR 0007); another database would need its own `as_<vendor>`."""

    output_field = DateField()

    def __init__(self, expression: Any, months: int) -> None:
        if not isinstance(months, int):
            raise TypeError("months is an int")
        self.months = months
        super().__init__(expression)

    def as_sqlite(self, compiler: SQLCompiler, connection: Any, **extra: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        months, following = self.months, self.months + 1
        # DATE(d, '+n months') overflows into the next month; the last day of the target
        # month is the clamp. ISO dates compare correctly as text.
        return (
            f"MIN(DATE({sql}, '+{months} months'), "
            f"DATE({sql}, 'start of month', '+{following} months', '-1 day'))",
            (*params, *params),
        )

    def as_postgresql(
        self, compiler: SQLCompiler, connection: Any, **extra: Any
    ) -> tuple[str, Any]:
        sql, params = compiler.compile(self.source_expressions[0])
        # PostgreSQL's month interval already clamps to the end of the month.
        return f"(({sql}) + make_interval(months => {self.months}))::date", params
