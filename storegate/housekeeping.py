"""Housekeeping run by the worker: keep the task and outbox tables small."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from storegate.notifications.models import OutboxMessage, OutboxStatus

# Successful task runs are only interesting for a short while; failures longer.
TASK_RESULTS_KEPT = timedelta(days=1)
FAILED_TASK_RESULTS_KEPT = timedelta(days=14)
DELIVERED_OUTBOX_KEPT = timedelta(days=30)


@task()
def prune_old_records() -> dict[str, int]:
    now = timezone.now()
    finished = DBTaskResult.objects.finished()
    ok, _ = finished.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lte=now - TASK_RESULTS_KEPT
    ).delete()
    failed, _ = finished.filter(
        status=TaskResultStatus.FAILED, finished_at__lte=now - FAILED_TASK_RESULTS_KEPT
    ).delete()
    outbox, _ = OutboxMessage.objects.filter(
        status=OutboxStatus.DELIVERED, delivered_at__lte=now - DELIVERED_OUTBOX_KEPT
    ).delete()
    return {"task_results": ok + failed, "outbox": outbox}
