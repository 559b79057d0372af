"""Background tasks of the notifications app, run by the django-tasks-db worker."""

from __future__ import annotations

from django_tasks import task

from storegate.notifications.delivery import outbox_deliver_due


@task()
def deliver_outbox_message(message_id: int) -> int:
    return outbox_deliver_due(message_id=message_id, limit=1)


@task()
def deliver_due_outbox() -> int:
    """The sweep: retries, and anything whose immediate delivery was lost in a crash."""
    total = 0
    while True:
        delivered = outbox_deliver_due(limit=100)
        total += delivered
        if delivered < 100:
            return total
