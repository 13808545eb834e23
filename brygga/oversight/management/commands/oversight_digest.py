"""`manage.py oversight_digest [--now]`: the weekly e-mail digest of unimplemented decisions.

Run it once a week (cron or a systemd timer). By default it enqueues the task
`oversight.tasks.send_oversight_digest` for the worker; `--now` sends in this process."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from brygga.oversight.digest import digest_send
from brygga.oversight.tasks import send_oversight_digest


class Command(BaseCommand):
    help = (
        "Veckosammanfattning om ej verkställda beslut till chefer och ansvariga handläggare: "
        "antal och länkar, inga namn."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="Skicka direkt i stället för via kön"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = digest_send()
            self.stdout.write(f"{sent} sammanfattningar skickade.")
            return
        result = send_oversight_digest.enqueue()
        self.stdout.write(f"Sammanfattningen är köad ({result.id}).")
