"""Backup and restore round trip: every table and every private file comes back exactly.

Runs on whichever database the suite uses (CI runs it on SQLite and on PostgreSQL)."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

import pytest

from brygga.accounts.models import User
from brygga.core.backup import backup_create, backup_restore, read_manifest, table_fingerprints

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def documents(settings, tmp_path: Path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    (settings.PRIVATE_MEDIA_ROOT / "ab").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "ab" / "intyg.pdf").write_bytes(b"%PDF-1.4 fiktivt intyg")
    return settings.PRIVATE_MEDIA_ROOT


def _with_manifest(archive: Path, target_path: Path, change) -> Path:
    """A copy of the archive with its manifest changed by `change(manifest)`."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target_path, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json" and data is not None:
                manifest = json.loads(data.read())
                change(manifest)
                raw = json.dumps(manifest).encode()
                member.size = len(raw)
                data = io.BytesIO(raw)
            target.addfile(member, data)
    return target_path


def _one_more_user(manifest: dict) -> None:
    manifest["tables"]["accounts_user"]["rows"] += 1


def _mutate() -> None:
    """Change the data in several ways a lost backup would hide: delete, update, insert."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute("DELETE FROM clients_followup")
    User.objects.filter(email="chef@ekby.example").update(first_name="Ändrad")
    User.objects.create_user(email="ny.efter.kopian@ekby.example", password="x" * 20)


def test_backup_and_restore_bring_back_every_table_and_file(documents: Path, tmp_path: Path):
    call_command("seed_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = table_fingerprints()
    populated = [t for t, f in before.items() if f.rows]
    assert len(populated) > 30, "the demo data should fill most tables"

    archive = backup_create(tmp_path / "backups")
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds personal data: owner only"
    manifest = read_manifest(archive)
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"]["accounts_user"]["rows"] == before["accounts_user"].rows

    _mutate()
    (documents / "ab" / "intyg.pdf").unlink()
    (documents / "efter.txt").write_text("skapad efter kopian")
    changed = table_fingerprints()
    assert {t for t in before if before[t] != changed[t]} >= {
        "audit_auditevent",
        "accounts_user",
        "clients_followup",
    }

    assert backup_restore(archive) == []
    assert table_fingerprints() == before
    assert (documents / "ab" / "intyg.pdf").read_bytes() == b"%PDF-1.4 fiktivt intyg"
    assert not (documents / "efter.txt").exists()
    assert User.objects.get(email="chef@ekby.example").first_name != "Ändrad"


def test_the_commands_round_trip_and_report_the_check(documents: Path, tmp_path: Path, capsys):
    User.objects.create_user(email="handlaggare@ekby.example", password="x" * 20)
    call_command("backup", "--output-dir", str(tmp_path / "out"))
    archive = Path(capsys.readouterr().out.strip())
    User.objects.all().delete()

    call_command("restore", str(archive), "--no-input")

    assert "stämmer med kopian" in capsys.readouterr().out
    assert User.objects.filter(email="handlaggare@ekby.example").exists()


def test_a_restore_that_does_not_match_the_manifest_is_reported(documents: Path, tmp_path: Path):
    User.objects.create_user(email="handlaggare@ekby.example", password="x" * 20)
    archive = backup_create(tmp_path / "backups")
    # The restored data no longer matches what the manifest promises.
    tampered = _with_manifest(archive, tmp_path / "tampered.tar.gz", _one_more_user)

    with pytest.raises(CommandError, match="accounts_user"):
        call_command("restore", str(tampered), "--no-input")


def test_an_archive_from_another_engine_or_no_archive_is_refused(tmp_path: Path, documents: Path):
    archive = backup_create(tmp_path / "backups")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    forged = _with_manifest(archive, tmp_path / "other.tar.gz", lambda m: m.update(engine=other))

    with pytest.raises(CommandError, match="samma slags databas"):
        call_command("restore", str(forged), "--no-input")
    not_a_backup = tmp_path / "x.tar.gz"
    with tarfile.open(not_a_backup, "w:gz"):
        pass
    with pytest.raises(CommandError, match="inte en säkerhetskopia"):
        call_command("restore", str(not_a_backup), "--no-input")
