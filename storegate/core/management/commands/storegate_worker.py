"""The background worker: the django-tasks-db worker plus the periodic-job scheduler."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from storegate.core.scheduling import Scheduler


class Command(BaseCommand):
    help = "Run background tasks (outbox delivery, expiry, inactivity, digests) and schedule periodic jobs."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Only run tasks; another worker schedules."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls for tasks."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler = None
        if not options["no_scheduler"]:
            scheduler = Scheduler()
            scheduler.start()
        try:
            call_command(
                QuietDbWorker(),
                interval=options["interval"],
                reload=False,
                startup_delay=False,
                verbosity=options["verbosity"],
            )
        finally:
            if scheduler is not None:
                scheduler.stopped.set()


class QuietDbWorker(DbWorker):
    """django-tasks-db's worker, leaving log levels to LOGGING (TASKS_LOG_LEVEL, default WARNING).

    Its own default (verbosity 1) logs every task at INFO, which buries the demo's console under
    the periodic jobs that run every few seconds. ``-v 2`` still turns on its detailed logs.
    """

    def configure_logging(self, verbosity: int) -> None:
        if verbosity > 1:
            super().configure_logging(verbosity)
