"""The periodic access-review task (R26), enqueued by the worker's scheduler."""

from __future__ import annotations

from django_tasks import task

from storegate.collaborators.review import access_review_send_due


@task()
def send_due_review_digests() -> int:
    """Send the digests that are due; idempotent, safe on several workers."""
    return access_review_send_due()
