"""Periodic tasks of the workflow, enqueued by the worker's scheduler (core.scheduling).

Each is idempotent and safe on several workers at once (see services.jobs).
"""

from __future__ import annotations

from django_tasks import task

from storegate.collaborators.services.jobs import (
    expire_pending_requests,
    process_end_dates,
    process_inactivity,
)


@task()
def expire_requests() -> int:
    """R09: pending requests past their date expire; the partner is told."""
    return expire_pending_requests()


@task()
def end_dates() -> dict[str, int]:
    """R23: warnings 7 and 1 days before an end date, and the end itself."""
    return process_end_dates()


@task()
def inactivity() -> dict[str, int]:
    """R24: warnings 14 and 3 days before, then removal of unused access."""
    return process_inactivity()
