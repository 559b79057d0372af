"""What a commerce write changed: the fields it really changed, and their audit record (R25)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import Acting


def changes(obj: models.Model, updates: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply ``updates`` to ``obj``; return (before, after) of the fields that really changed."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field, value in updates.items():
        old = getattr(obj, field)
        if old != value:
            before[field] = old
            after[field] = value
            setattr(obj, field, value)
    return before, after


def audit_write(
    *,
    action: AuditAction,
    acting: Acting,
    target: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """R25: every write names the person and, for a collaborator, their organization."""
    audit_record(
        action=action,
        acting=acting,
        target=target,
        before=_jsonable(before),
        after=_jsonable(after),
    )


def _jsonable(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data is None:
        return None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out
