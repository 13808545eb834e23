from typing import Any

from django.core.management.base import BaseCommand

from .seed_demo_data import Command as SeedCommand


class Command(BaseCommand):
    help = "Skriver ut demoinloggningarna."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(SeedCommand.logins_text())
