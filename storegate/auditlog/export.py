"""Streaming export of the audit trail as CSV and JSON (R25): no cap, constant memory.

Rows come from the database in chunks (``QuerySet.iterator``, a server-side cursor on
PostgreSQL) as tuples, never as model instances, and go out as soon as a chunk is written, so
memory stays flat whatever the number of events (see docs/benchmarks-audit.md).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from storegate.audit.models import AuditEvent

CHUNK_SIZE = 2000


class AuditExportFormat(StrEnum):
    """``format=`` of an export, and what the ``audit.exported`` event records."""

    CSV = "csv"
    JSON = "json"


COLUMNS = (
    "id",
    "created_at",
    "action",
    "actor_id",
    "actor_email",
    "organization_id",
    "organization_name",
    "store_id",
    "target_type",
    "target_id",
    "before",
    "after",
    "ip",
    "user_agent",
)
_FIELDS = (
    "id",
    "created_at",
    "action",
    "actor_id",
    "actor_email",
    "organization_id",
    "organization__name",
    "store_id",
    "target_type",
    "target_id",
    "before",
    "after",
    "ip",
    "user_agent",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rows(queryset: QuerySet[AuditEvent]) -> Iterator[tuple[Any, ...]]:
    return queryset.order_by("id").values_list(*_FIELDS).iterator(chunk_size=CHUNK_SIZE)


def _record(row: tuple[Any, ...], private_unless: frozenset[int] | None = None) -> dict[str, Any]:
    record = dict(zip(COLUMNS, row, strict=True))
    if private_unless is not None and record["actor_id"] not in private_unless:
        record["ip"] = None
        record["user_agent"] = ""
    record["created_at"] = record["created_at"].isoformat()
    for key in ("id", "actor_id", "organization_id", "store_id"):
        if record[key] is not None:
            record[key] = str(record[key])
    return record


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, default=str)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def audit_export_csv(
    queryset: QuerySet[AuditEvent], *, private_unless: frozenset[int] | None = None
) -> Iterator[str]:
    """CSV with a header row. ``private_unless``: blank the IP and user agent of events whose
    actor is not in this set of user ids (a partner sees only its own members' network data)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    pending = 0
    for row in _rows(queryset):
        record = _record(row, private_unless)
        writer.writerow([_cell(record[c]) for c in COLUMNS])
        pending += 1
        if pending >= CHUNK_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def audit_export_json(
    queryset: QuerySet[AuditEvent], *, private_unless: frozenset[int] | None = None
) -> Iterator[str]:
    """A JSON array, written one event at a time (``private_unless`` as for CSV)."""
    parts: list[str] = ["["]
    first = True
    for row in _rows(queryset):
        parts.append(
            ("\n" if first else ",\n") + json.dumps(_record(row, private_unless), default=str)
        )
        first = False
        if len(parts) >= CHUNK_SIZE:
            yield "".join(parts)
            parts = []
    parts.append("\n]\n")
    yield "".join(parts)


def audit_export_response(
    *,
    queryset: Any,
    export_format: AuditExportFormat | str,
    filename: str,
    private_unless: frozenset[int] | None = None,
) -> StreamingHttpResponse:
    if export_format == AuditExportFormat.CSV:
        response = StreamingHttpResponse(
            audit_export_csv(queryset, private_unless=private_unless),
            content_type="text/csv; charset=utf-8",
        )
        extension = "csv"
    else:
        response = StreamingHttpResponse(
            audit_export_json(queryset, private_unless=private_unless),
            content_type="application/json",
        )
        extension = "json"
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response
