"""Periodic jobs. The worker enqueues each task at its interval; every job is idempotent and
safe to run on several workers at once, so duplicate enqueues from several workers are harmless.

Apps add their jobs here as (dotted path of a django-tasks task, interval in seconds).
"""

from __future__ import annotations

import logging
import threading
from importlib import import_module
from typing import Any

log = logging.getLogger(__name__)

PERIODIC_JOBS: list[tuple[str, int]] = [
    ("storegate.notifications.tasks.deliver_due_outbox", 15),
    ("storegate.housekeeping.prune_old_records", 3600),
    # R26: access-review digests; hourly checks, each store gets one per interval.
    ("storegate.collaborators.review_tasks.send_due_review_digests", 3600),
    # R09, R23, R24: request expiry, end dates and inactivity; each idempotent, per-row locked.
    ("storegate.collaborators.tasks.expire_requests", 60),
    ("storegate.collaborators.tasks.end_dates", 60),
    ("storegate.collaborators.tasks.inactivity", 60),
]


def _load(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def enqueue_due_jobs(last_run: dict[str, float], now: float) -> list[str]:
    """Enqueue every job whose interval has passed since ``last_run``; returns their paths."""
    enqueued = []
    for path, interval in PERIODIC_JOBS:
        if now - last_run.get(path, 0.0) >= interval:
            try:
                _load(path).enqueue()
            except Exception:
                log.exception("could not enqueue periodic job %s", path)
                continue
            last_run[path] = now
            enqueued.append(path)
    return enqueued


class Scheduler(threading.Thread):
    def __init__(self, tick_seconds: float = 1.0) -> None:
        super().__init__(name="storegate-scheduler", daemon=True)
        self.tick_seconds = tick_seconds
        self.stopped = threading.Event()

    def run(self) -> None:
        import time

        from django.db import close_old_connections

        last_run: dict[str, float] = {}
        while not self.stopped.is_set():
            close_old_connections()
            enqueue_due_jobs(last_run, time.monotonic())
            self.stopped.wait(self.tick_seconds)
