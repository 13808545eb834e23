"""Identity numbers for tests, fixtures and demo data that can never belong to a real person.

Skatteverket keeps the birth numbers 980–999 for test personnummer; 19121212-1212
("Tolvan Tolvansson") is its published example. Nothing else may appear in code or data.
"""

from __future__ import annotations

from .personnummer import luhn_ok

EXAMPLE_PERSONNUMMER = "191212121212"


def make_test_personnummer(
    birth_date: str, serial: str = "980", *, coordination: bool = False
) -> str:
    """A 12-digit test number for `birth_date` (YYYYMMDD) in Skatteverket's test series."""
    if not (len(birth_date) == 8 and birth_date.isdigit()):
        raise ValueError("birth_date is YYYYMMDD")
    if not ("980" <= serial <= "999" and len(serial) == 3):
        raise ValueError("test numbers use birth numbers 980–999")
    day = int(birth_date[6:]) + (60 if coordination else 0)
    nine = f"{birth_date[2:6]}{day:02d}{serial}"
    check = next(d for d in "0123456789" if luhn_ok(nine + d))
    return f"{birth_date[:6]}{day:02d}{serial}{check}"
