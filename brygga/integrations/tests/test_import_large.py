"""A large register (5 000 rows) is checked and imported by the background task; the page
shows the progress and refreshes itself (a plain meta refresh, no script)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from brygga.accounts.tests.helpers import login_staff
from brygga.clients.models import Client, Decision
from brygga.clients.tests.factories import basis_for
from brygga.core.testdata import make_test_personnummer
from brygga.integrations.constants import BACKGROUND_ROW_THRESHOLD, ImportStatus
from brygga.integrations.importing import CLIENT_COLUMNS
from brygga.integrations.models import ImportRun
from brygga.integrations.spreadsheets import write_csv

pytestmark = pytest.mark.django_db

HOME = "/personal/integrationer/import/"
ROWS = 5000


def _numbers(count):
    day, serial = date(2012, 1, 1), 980
    for _ in range(count):
        number = make_test_personnummer(day.strftime("%Y%m%d"), str(serial))
        yield f"{number[:8]}-{number[8:]}"
        serial += 1
        if serial > 999:
            serial, day = 980, day + timedelta(days=1)


def test_five_thousand_rows_go_through_the_task(
    client, administrator, unit, django_capture_on_commit_callbacks
):
    decided = timezone.localdate() - timedelta(days=20)
    basis = basis_for(decided).code
    headers = [str(column.header) for column in CLIENT_COLUMNS]
    rows = [
        [
            number,
            "Testa",
            "Testsson",
            "kontaktperson",
            "",
            basis,
            decided.isoformat(),
            "2",
            "meetings_per_month",
            "",
            "",
            "guardians",
            decided.isoformat(),
        ]
        for number in _numbers(ROWS)
    ]
    rows[10][6] = ""  # one missing decision date
    login_staff(client, administrator)
    client.post(
        HOME,
        {
            "kind": "clients",
            "unit": unit.pk,
            "file": SimpleUploadedFile("stor.csv", write_csv(headers, rows)),
        },
    )
    run = ImportRun.objects.get()
    assert run.total_rows == ROWS > BACKGROUND_ROW_THRESHOLD
    mapping = {key: "" if index is None else str(index) for key, index in run.mapping.items()}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"{HOME}{run.public_id}/", mapping)
    run.refresh_from_db()
    assert run.status == ImportStatus.CHECKING  # queued, not done in the request
    page = client.get(f"{HOME}{run.public_id}/").content.decode()
    assert 'http-equiv="refresh"' in page and f"0 av {ROWS}" in page
    for callback in callbacks:
        callback()  # the worker picks the task up (immediate backend in tests)
    run.refresh_from_db()
    assert run.status == ImportStatus.CHECKED and run.valid_rows == ROWS - 1
    assert [(p["row"], p["column"]) for p in run.problems] == [(12, "Beslutsdatum")]
    assert not Client.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{HOME}{run.public_id}/importera/")
    run.refresh_from_db()
    assert run.status == ImportStatus.DONE
    assert Client.objects.count() == ROWS - 1 and Decision.objects.count() == ROWS - 1
