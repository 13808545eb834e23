"""Reading an uploaded register: CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX, into
a header row and data rows of strings. Type is decided by content, never by the file name."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

XLSX = "xlsx"
CSV = "csv"


class SpreadsheetError(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "type", "empty", "too_many_rows", "unreadable"


def sniff_format(head: bytes) -> str:
    """ "xlsx" for a ZIP container (checked further on reading), "csv" for text, else an
    error. PDFs, images and other binaries are refused."""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    sample = head[:4096]
    if b"\x00" in sample:
        raise SpreadsheetError("type")
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut in the middle of a multibyte character at the end of the sample is fine.
        if error.start < len(sample) - 3:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                raise SpreadsheetError("type") from None
    return CSV


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, Decimal)):
        return str(value)
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def _read_xlsx(data: bytes, limit: int) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError("unreadable") from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        # Stop reading past the limit: a crafted file must not fill the memory.
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(value) for value in row])
            if len(rows) > limit:
                break
        return rows
    finally:
        workbook.close()


def read_table(data: bytes, *, max_rows: int) -> tuple[str, list[str], list[list[str]]]:
    """(format, headers, rows). Empty rows are dropped; every row is padded to the headers."""
    file_format = sniff_format(data[:8192])
    # Blank rows are dropped below, so read a little past the limit before judging it.
    rows = _read_xlsx(data, 2 * max_rows + 2) if file_format == XLSX else _read_csv(data)
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise SpreadsheetError("empty")
    headers = [cell.strip() for cell in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    body = [(row + [""] * len(headers))[: len(headers)] for row in rows[1:]]
    if not body or not headers:
        raise SpreadsheetError("empty")
    if len(body) > max_rows:
        raise SpreadsheetError("too_many_rows")
    return file_format, headers, body


def write_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(headers: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has one sheet
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
