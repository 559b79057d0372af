"""Housekeeping run by the worker: keep the task, outbox and rate-counter tables small."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from storegate.core.ratelimit import counters_prune
from storegate.notifications.models import OutboxMessage, OutboxStatus

# Successful task runs are only interesting for a short while; failures longer.
TASK_RESULTS_KEPT = timedelta(days=1)
FAILED_TASK_RESULTS_KEPT = timedelta(days=14)
DELIVERED_OUTBOX_KEPT = timedelta(days=30)
# Rate-limit buckets: the longest window counted from them is 15 minutes.
RATE_COUNTERS_KEPT_MINUTES = 60


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
    counters = counters_prune(keep_minutes=RATE_COUNTERS_KEPT_MINUTES)
    return {"task_results": ok + failed, "outbox": outbox, "rate_counters": counters}
