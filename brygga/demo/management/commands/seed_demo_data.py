"""Load the fictional demo municipality, Ekby kommun, into an empty database.

`make run` calls this with --if-empty; `make demo-data` calls it directly. Only obviously
fictional names, example.se-style addresses and Skatteverket's test personnummer are used.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Skapar demokommunen Ekby kommun med fiktiva personer."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Gör ingenting om demodata redan finns (för make run).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from brygga.accounts import demo as accounts_demo
        from brygga.applicants import demo as applicants_demo
        from brygga.applicants.investigation_demo import create_demo_investigations
        from brygga.assignments import demo as assignments_demo
        from brygga.carers import demo as carers_demo
        from brygga.clients import demo as clients_demo
        from brygga.contracts import demo as contracts_demo
        from brygga.oversight import demo as oversight_demo
        from brygga.payments import demo as payments_demo
        from brygga.retention import demo as retention_demo
        from brygga.website import demo as website_demo

        if accounts_demo.demo_exists():
            if options["if_empty"]:
                self.stdout.write("Demodata finns redan – inget ändrat.")
                return
            raise CommandError("Demodata finns redan. Töm databasen först (make reset).")
        # The fictional people would otherwise "receive" receipts and decision letters in
        # the terminal: the demo sends no mail at all.
        no_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with no_mail, transaction.atomic():
            organisation = accounts_demo.create_demo_accounts()
            website_demo.create_demo_content(organisation)
            applicants_demo.create_demo_applicants(organisation)
            create_demo_investigations(organisation)
            applicants_demo.create_demo_decisions(organisation)
            carers_demo.create_demo_carers(organisation)
            clients_demo.create_demo_clients(organisation)
            assignments_demo.create_demo_assignments(organisation)
            contract_versions = contracts_demo.create_demo_contracts(organisation)
            payments_demo.create_demo_payments(organisation, contract_versions)
            oversight_demo.create_demo_oversight(organisation)
            retention_demo.create_demo_rules(organisation)
        self.stdout.write(self.style.SUCCESS("Ekby kommun är skapad."))

    @staticmethod
    def logins_text() -> str:
        from brygga.accounts import demo as accounts_demo

        lines = [f"Personal (lösenord för alla: {accounts_demo.DEMO_PASSWORD}):"]
        lines += [f"  {role:<22} {email}" for role, email in accounts_demo.demo_logins()]
        lines.append("Mina sidor (inloggningslänken skrivs ut i terminalen):")
        lines += [f"  {email}" for email in accounts_demo.demo_public_logins()]
        return "\n".join(lines)
