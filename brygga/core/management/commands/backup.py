"""`manage.py backup [--output-dir DIR]`: one archive with the database and private files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from brygga.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och de privata dokumenten till ett arkiv."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Katalog för arkivet (standard: VAR_DIR/backups).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output_dir = options["output_dir"] or Path(settings.VAR_DIR) / "backups"
        try:
            path = backup_create(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(path))
