"""Load the demo data of SPEC §7 once: a merchant store, two partner organizations, a pending request.

Each app contributes through a function in ``storegate.web.demo``; a second run changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from storegate.web.demo import DEMO_PASSWORD, demo_is_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo data (first run only) and print the demo log-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_is_loaded():
            self.stdout.write("Demo data already loaded; reusing the database.")
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(
            "\nDemo log-ins (password for all: %s):\n"
            "  merchant (store owner)          owner@demo.storegate.test\n"
            "  merchant staff                  staff@demo.storegate.test\n"
            "  3PL partner admin (Handled)     ops@handled.demo.storegate.test\n"
            "  cross-border partner (Zonos)    support@zonos.demo.storegate.test\n"
            "Sent e-mails: http://127.0.0.1:8000/mailbox/   API docs: http://127.0.0.1:8000/api/docs\n"
            "Two-factor for collaborator log-in is OFF in the demo (STOREGATE_REQUIRE_2FA_FOR_COLLABORATORS).\n"
            % DEMO_PASSWORD
        )
