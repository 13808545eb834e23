"""`manage.py restore ARCHIVE [--no-input]`: replace the database and private files with a
backup, then verify every table against the archive's manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brygga.core.backup import BackupError, backup_restore, read_manifest


class Command(BaseCommand):
    help = "Återställer databasen och de privata dokumenten från en säkerhetskopia."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Fråga inte före återställningen (allt nuvarande innehåll ersätts).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"Hittar inte arkivet {archive}.")
        try:
            manifest = read_manifest(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["interactive"]:
            answer = input(
                f"Allt i databasen och alla dokument ersätts med kopian från "
                f"{manifest['created']}. Skriv 'ja' för att fortsätta: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Avbrutet: ingenting har ändrats.")
        try:
            differing = backup_restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if differing:
            raise CommandError(
                "Återställningen stämmer inte med kopian för tabellerna: " + ", ".join(differing)
            )
        tables = len(manifest["tables"])
        self.stdout.write(f"Återställt och kontrollerat: {tables} tabeller stämmer med kopian.")
