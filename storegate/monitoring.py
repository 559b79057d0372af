"""Operator endpoints: a health check for load balancers and Prometheus metrics."""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Manager
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

from storegate.access.guard import declare_scope, public
from storegate.collaborators.models import CollaboratorAccess, CollaboratorRequest
from storegate.notifications.models import OutboxMessage


@public
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok"})


def _metrics_allowed(request: HttpRequest) -> bool:
    expected = settings.STOREGATE_METRICS_TOKEN
    if not expected:
        return False
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(given.encode(), expected.encode())


@declare_scope("operator")
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Gauges in Prometheus' text format; needs ``Authorization: Bearer $STOREGATE_METRICS_TOKEN``."""
    if not _metrics_allowed(request):
        return HttpResponse(
            "metrics need the operator token\n", status=404, content_type="text/plain"
        )
    lines: list[str] = []

    def gauge(name: str, help_text: str, rows: list[tuple[str, int]], label: str) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} gauge")
        for value, count in rows:
            lines.append(f'{name}{{{label}="{value}"}} {count}')

    def grouped(manager: Manager[Any], field: str) -> list[tuple[str, int]]:
        rows = manager.values(field).annotate(n=Count("id")).order_by(field)
        return [(row[field], row["n"]) for row in rows]

    gauge(
        "storegate_outbox_messages",
        "Outbox messages by status.",
        grouped(OutboxMessage.objects, "status"),
        "status",
    )
    gauge(
        "storegate_collaborator_requests",
        "Collaborator requests by status.",
        grouped(CollaboratorRequest.objects, "status"),
        "status",
    )
    gauge(
        "storegate_collaborator_accesses",
        "Collaborator accesses by status.",
        grouped(CollaboratorAccess.objects, "status"),
        "status",
    )
    gauge(
        "storegate_tasks",
        "Background task results by status.",
        grouped(DBTaskResult.objects, "status"),
        "status",
    )
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; version=0.0.4")
