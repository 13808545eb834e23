"""`manage.py payments_remind [--on YYYY-MM-DD]`: mail carers whose report is due soon.
Run it daily (cron or the worker); a reminder is sent once per contract and period."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from brygga.payments.reminders import send_reminders


class Command(BaseCommand):
    help = "Påminn uppdragstagare om redovisningar som snart ska vara inne."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--on", help="Datum att räkna från, ÅÅÅÅ-MM-DD (standard: i dag).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options.get("on"):
            try:
                on = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError("Skriv --on som ÅÅÅÅ-MM-DD.") from None
        count = send_reminders(on=on)
        self.stdout.write(f"{count} påminnelser skickade.")
