"""Writing the audit trail. Every service calls ``audit_record`` inside its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from storegate.audit.actions import AuditAction
from storegate.audit.models import AuditEvent


@dataclass(frozen=True, slots=True)
class RequestMeta:
    """Where an action came from; services receive it from views and API operations."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request: Any) -> RequestMeta:
        if request is None:
            return cls()
        meta = getattr(request, "META", {})
        return cls(
            ip=meta.get("REMOTE_ADDR") or None, user_agent=(meta.get("HTTP_USER_AGENT") or "")[:400]
        )


SYSTEM = RequestMeta()


def audit_record(
    *,
    action: AuditAction,
    actor: Any = None,
    organization: Any = None,
    store: Any = None,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    meta: RequestMeta | None = None,
) -> AuditEvent:
    meta = meta or SYSTEM
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=getattr(actor, "email", "") or "",
        organization=organization,
        store=store,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        before=before,
        after=after,
        ip=meta.ip,
        user_agent=meta.user_agent,
    )
