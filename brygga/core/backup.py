"""Backup and restore of the whole installation: the database and the private documents.

One archive (`.tar.gz`) holds the database (SQLite: a page copy through SQLite's backup API;
PostgreSQL: a `pg_dump` custom-format dump), the files under PRIVATE_MEDIA_ROOT and a manifest
with a fingerprint (row count and SHA-256 of the ordered rows) of every table, taken inside the
same snapshot as the dump. A restore replaces the database and the files, then recomputes the
fingerprints and compares them with the manifest, so a restore that lost anything says so.

Used by `manage.py backup` and `manage.py restore` (`make backup`, `make restore`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction

MANIFEST = "manifest.json"
FILES_DIR = "files"
FORMAT_VERSION = 1


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message is for the operator."""


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    sha256: str


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Databasmotorn {vendor} stöds inte av säkerhetskopieringen.")
    return vendor


def _fingerprint(cursor: Any, tables: list[str], quote: Any) -> dict[str, TableFingerprint]:
    result: dict[str, TableFingerprint] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")  # noqa: S608 - names from the catalogue
        order = ", ".join(str(i + 1) for i in range(len(cursor.description)))
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")  # noqa: S608
        digest = hashlib.sha256()
        count = 0
        for row in cursor.fetchall():
            digest.update(json.dumps([None if v is None else str(v) for v in row]).encode() + b"\n")
            count += 1
        result[table] = TableFingerprint(rows=count, sha256=digest.hexdigest())
    return result


def _sqlite_file_fingerprints(path: Path) -> dict[str, TableFingerprint]:
    # A plain connection without Django's type converters, so a copy and its restore are read
    # the same way.
    db = sqlite3.connect(path)
    try:
        cursor = db.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        return _fingerprint(cursor, tables, lambda name: '"' + name.replace('"', '""') + '"')
    finally:
        db.close()


def _sqlite_copy(alias: str, destination: Path) -> None:
    """Copy the live SQLite database page by page; SQLite restarts the copy if another
    connection writes meanwhile, so the copy is consistent."""
    connection = connections[alias]
    connection.ensure_connection()
    target = sqlite3.connect(destination)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def table_fingerprints(alias: str = "default") -> dict[str, TableFingerprint]:
    """Row count and a SHA-256 of the ordered rows of every table.

    Values are hashed through `str()`; SQLite is read from a fresh copy through a plain
    connection so driver type conversions cannot make equal data look different."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory() as work:
            copy = Path(work) / "copy.sqlite3"
            _sqlite_copy(alias, copy)
            return _sqlite_file_fingerprints(copy)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _fingerprint(cursor, tables, connection.ops.quote_name)


def _applied_migrations(alias: str) -> list[str]:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _applied_migrations_sqlite(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT app, name FROM django_migrations ORDER BY app, name").fetchall()
    finally:
        db.close()
    return [f"{app}.{name}" for app, name in rows]


def _pg_env_and_args(alias: str) -> tuple[dict[str, str], list[str]]:
    params = connections[alias].settings_dict
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return env, args


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} saknas. Installera PostgreSQL-klienten (apt-get install postgresql-client)."
        )
    return path


@contextmanager
def _pg_snapshot(alias: str) -> Iterator[str]:
    """A repeatable-read transaction whose exported snapshot `pg_dump --snapshot` reuses, so the
    fingerprints and the dump see the same data."""
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield str(cursor.fetchone()[0])


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(tz=UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup_create(output_dir: Path, *, alias: str = "default") -> Path:
    """Write one archive with the database, the private files and the manifest; return its
    path. The archive holds personal data: it is created readable by its owner only."""
    engine = _engine(alias)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = output_dir / f"brygga-{stamp}.tar.gz"
    files_root = Path(settings.PRIVATE_MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
        if engine == "sqlite":
            _sqlite_copy(alias, dump)
            fingerprints = _sqlite_file_fingerprints(dump)
            migrations = _applied_migrations_sqlite(dump)
        else:
            with _pg_snapshot(alias) as snapshot:
                fingerprints = table_fingerprints(alias)
                migrations = _applied_migrations(alias)
                env, args = _pg_env_and_args(alias)
                name = str(connections[alias].settings_dict["NAME"])
                completed = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
                    [_require_tool("pg_dump"), *args, "--format=custom", "--no-owner",
                     f"--snapshot={snapshot}", f"--file={dump}", name],
                    env=env, capture_output=True, text=True, check=False,
                )  # fmt: skip
            if completed.returncode != 0:
                raise BackupError(f"pg_dump misslyckades: {completed.stderr.strip()}")
        manifest = {
            "format": FORMAT_VERSION,
            "created": datetime.now(tz=UTC).isoformat(),
            "engine": engine,
            "database_file": dump.name,
            "migrations": migrations,
            "tables": {t: {"rows": f.rows, "sha256": f.sha256} for t, f in fingerprints.items()},
        }
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=dump.name)
            if files_root.is_dir():
                archive.add(files_root, arcname=FILES_DIR)
    return target


def read_manifest(archive_path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read())
    except (KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(
            "Arkivet saknar manifest: det är inte en säkerhetskopia av Brygga."
        ) from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError("Arkivet har ett okänt format.")
    return manifest


def backup_restore(archive_path: Path, *, alias: str = "default") -> list[str]:
    """Replace the database and the private files with the archive's; return the tables whose
    fingerprint differs from the manifest after the restore (empty when everything is back)."""
    engine = _engine(alias)
    manifest = read_manifest(archive_path)
    if manifest["engine"] != engine:
        raise BackupError(
            f"Arkivet kommer från {manifest['engine']} men databasen är {engine}; "
            "återställ till samma slags databas."
        )
    files_root = Path(settings.PRIVATE_MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        dump = Path(work) / str(manifest["database_file"])
        connection = connections[alias]
        if engine == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            connection.close()
            env, args = _pg_env_and_args(alias)
            name = str(connection.settings_dict["NAME"])
            completed = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
                [_require_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner",
                 "--single-transaction", f"--dbname={name}", str(dump)],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if completed.returncode != 0:
                raise BackupError(f"pg_restore misslyckades: {completed.stderr.strip()}")
        extracted_files = Path(work) / FILES_DIR
        if files_root.exists():
            shutil.rmtree(files_root)
        if extracted_files.is_dir():
            shutil.copytree(extracted_files, files_root)
        else:
            files_root.mkdir(parents=True, exist_ok=True)
    after = table_fingerprints(alias)
    expected = manifest["tables"]
    differing = sorted(
        table
        for table in set(expected) | set(after)
        if table not in after
        or table not in expected
        or (after[table].rows, after[table].sha256)
        != (expected[table]["rows"], expected[table]["sha256"])
    )
    return differing
