"""Every write of an import run: upload, dry run (check), import (ADR 0027).

The upload stores the file privately and maps its columns; `import_check` runs every row
through the same code as the import inside a rolled-back transaction and records the problems
by row and column; `import_apply` creates the valid rows in one transaction. A file with more
than BACKGROUND_ROW_THRESHOLD rows is checked and imported by a background task (ADR 0006).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brygga.accounts.models import Organisation, Unit, User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.uploads import MAX_UPLOAD_BYTES, private_storage

from .constants import BACKGROUND_ROW_THRESHOLD, MAX_ROWS, ImportKind, ImportStatus
from .importing import COLUMNS, HANDLERS, ImportContext, auto_map, process_row, row_values
from .models import ImportRun
from .spreadsheets import SpreadsheetError, read_table

logger = logging.getLogger(__name__)

# The check writes its progress every this many rows.
PROGRESS_EVERY = 100


class ImportStateError(Exception):
    """The run is not in a state that allows the step."""


def _upload_message(reason: str) -> str:
    return {
        "empty": _("Filen är tom eller saknar rader under rubrikraden."),
        "too_large": _("Filen är för stor. Den får vara högst 10 MB."),
        "type": _("Filen måste vara en CSV-fil eller en Excel-fil (XLSX)."),
        "unreadable": _("Det gick inte att läsa Excel-filen. Spara den igen och försök på nytt."),
        "too_many_rows": _(
            "Filen har för många rader. Dela upp den i filer med högst %(max)s rader."
        )
        % {"max": MAX_ROWS},
    }[reason]


def _read(run: ImportRun) -> tuple[list[str], list[list[str]]]:
    with private_storage().open(run.file_path, "rb") as handle:
        _format, headers, rows = read_table(handle.read(), max_rows=MAX_ROWS)
    return headers, rows


@transaction.atomic
def import_upload(
    *,
    organisation: Organisation,
    kind: ImportKind | str,
    data: bytes,
    unit: Unit | None,
    actor: User,
) -> ImportRun:
    """Store the file and map its columns by their headers. ValidationError({"file": …})
    for a file that is not a readable CSV or XLSX table."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _upload_message("too_large")})
    try:
        file_format, headers, rows = read_table(data, max_rows=MAX_ROWS)
    except SpreadsheetError as error:
        raise ValidationError({"file": _upload_message(error.reason)}) from None
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("Enheten finns inte i organisationen.")})
    run = ImportRun.objects.create(
        organisation=organisation,
        kind=ImportKind(kind),
        unit=unit,
        file_format=file_format,
        file_sha256=hashlib.sha256(data).hexdigest(),
        headers=headers,
        mapping=auto_map(str(kind), headers),
        total_rows=len(rows),
        started_by=actor,
    )
    run.file_path = private_storage().save(
        f"imports/{run.public_id}.{file_format}", ContentFile(data)
    )
    run.save(update_fields=["file_path"])
    return run


def import_set_mapping(*, run: ImportRun, mapping: dict[str, int | None], actor: User) -> ImportRun:
    if run.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED, ImportStatus.FAILED):
        raise ImportStateError(run.status)
    known = {column.key for column in COLUMNS[run.kind]}
    run.mapping = {
        key: (index if index is not None and 0 <= index < len(run.headers) else None)
        for key, index in mapping.items()
        if key in known
    }
    run.status = ImportStatus.UPLOADED
    run.problems, run.valid_rows, run.processed_rows = [], 0, 0
    run.save(update_fields=["mapping", "status", "problems", "valid_rows", "processed_rows"])
    return run


def _column_header(run: ImportRun, key: str) -> str:
    index = run.mapping.get(key)
    if index is not None and index < len(run.headers) and run.headers[index]:
        return str(run.headers[index])
    if not key:
        return ""
    return str(next(column.header for column in COLUMNS[run.kind] if column.key == key))


def import_start_check(*, run: ImportRun, actor: User) -> ImportRun:
    """Check now, or in the background for a large file (the page then shows progress)."""
    if run.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED, ImportStatus.FAILED):
        raise ImportStateError(run.status)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportStatus.CHECKING, processed_rows=0, problems=[], failure=""
    )
    run.refresh_from_db()
    if run.total_rows > BACKGROUND_ROW_THRESHOLD:
        from .tasks import import_check_task

        transaction.on_commit(lambda: import_check_task.enqueue(run.pk, actor.pk))
        run.refresh_from_db()
        return run
    try:
        return import_check(run=run, actor=actor)
    except Exception:
        # Never leave the page refreshing a run that nothing works on.
        import_mark_failed(run_id=run.pk, reason="check")
        raise


def import_check(*, run: ImportRun, actor: User) -> ImportRun:
    """The dry run: every row as the import would do it, rolled back. Progress is saved every
    PROGRESS_EVERY rows so the page can show it while a task runs."""
    _headers, rows = _read(run)
    ctx = ImportContext.load(organisation=run.organisation, actor=actor, unit=run.unit)
    seen: dict[str, int] = {}
    problems: list[dict[str, Any]] = []
    valid = 0
    for offset, row in enumerate(rows):
        number = offset + 2
        values = row_values(run.kind, row, run.mapping)
        errors, _created = process_row(
            kind=run.kind, values=values, ctx=ctx, seen=seen, dry_run=True
        )

        key = HANDLERS[run.kind].duplicate_key(values)
        if key and key not in seen:
            seen[key] = number
        if errors:
            problems.extend(
                {"row": number, "column": _column_header(run, column), "message": message}
                for column, message in sorted(errors.items())
            )
        else:
            valid += 1
        if (offset + 1) % PROGRESS_EVERY == 0:
            ImportRun.objects.filter(pk=run.pk).update(processed_rows=offset + 1)
    run.problems = problems
    run.valid_rows = valid
    run.processed_rows = len(rows)
    run.status = ImportStatus.CHECKED
    run.checked_at = timezone.now()
    run.save(update_fields=["problems", "valid_rows", "processed_rows", "status", "checked_at"])
    audit_record(
        actor=actor,
        event=AuditEventType.IMPORT_CHECKED,
        subject=run,
        organisation=run.organisation,
        changes={
            "kind": run.kind,
            "rows": run.total_rows,
            "valid_rows": valid,
            "problems": len(problems),
            "file_sha256": run.file_sha256,
        },
    )
    return run


def import_start_apply(*, run: ImportRun, actor: User) -> ImportRun:
    """Import the valid rows now, or in the background for a large file."""
    updated = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.CHECKED).update(
        status=ImportStatus.IMPORTING, confirmed_by=actor, processed_rows=0
    )
    if not updated:
        raise ImportStateError(run.status)
    run.refresh_from_db()
    if run.total_rows > BACKGROUND_ROW_THRESHOLD:
        from .tasks import import_apply_task

        transaction.on_commit(lambda: import_apply_task.enqueue(run.pk, actor.pk))
        run.refresh_from_db()
        return run
    try:
        return import_apply(run=run, actor=actor)
    except Exception:
        import_mark_failed(run_id=run.pk, reason="import")
        raise


def import_apply(*, run: ImportRun, actor: User) -> ImportRun:
    """Create the rows without problems, all in one transaction, with the services' audit
    events and one event for the run. Rows that turn out invalid now (the data changed since
    the check) are skipped and counted."""
    _headers, rows = _read(run)
    ctx = ImportContext.load(organisation=run.organisation, actor=actor, unit=run.unit)
    seen: dict[str, int] = {}
    imported = created = skipped = 0
    with transaction.atomic():
        for offset, row in enumerate(rows):
            values = row_values(run.kind, row, run.mapping)
            errors, made = process_row(
                kind=run.kind, values=values, ctx=ctx, seen=seen, dry_run=False
            )

            key = HANDLERS[run.kind].duplicate_key(values)
            if key and key not in seen:
                seen[key] = offset + 2
            if errors:
                skipped += 1
            else:
                imported += 1
                created += made
        run.status = ImportStatus.DONE
        run.processed_rows = len(rows)
        run.valid_rows = imported
        run.created_count = created
        run.imported_at = timezone.now()
        run.confirmed_by = actor
        run.save(
            update_fields=[
                "status",
                "processed_rows",
                "valid_rows",
                "created_count",
                "imported_at",
                "confirmed_by",
            ]
        )
        audit_record(
            actor=actor,
            event=AuditEventType.IMPORT_COMPLETED,
            subject=run,
            organisation=run.organisation,
            changes={
                "kind": run.kind,
                "rows": run.total_rows,
                "imported_rows": imported,
                "skipped_rows": skipped,
                "created": created,
                "file_sha256": run.file_sha256,
            },
        )
    # The register file held personal data; only its hash is kept once it is imported.
    private_storage().delete(run.file_path)
    return run


def import_mark_failed(*, run_id: int, reason: str) -> None:
    ImportRun.objects.filter(pk=run_id).update(status=ImportStatus.FAILED, failure=reason[:300])
