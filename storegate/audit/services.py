"""Writing the audit trail. Every service calls ``audit_record`` inside its own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from storegate.audit.actions import AuditAction
from storegate.audit.models import AuditEvent
from storegate.core.acting import SYSTEM, Acting, RequestMeta


def audit_record(
    *,
    action: AuditAction,
    acting: Acting | None = None,
    actor: Any = None,
    organization: Any = None,
    store: Any = None,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    meta: RequestMeta | None = None,
) -> AuditEvent:
    """Record ``action``. ``acting`` gives the person, their organization, the store and the
    request's origin in one; ``actor``, ``organization``, ``store`` and ``meta``, when given,
    override it (for the system acting on someone's behalf, or a store other than the caller's)."""
    organization_id = getattr(organization, "pk", organization)
    store_id = getattr(store, "pk", store)
    if acting is not None:
        actor = actor if actor is not None else acting.user
        organization_id = organization_id if organization_id is not None else acting.organization_id
        store_id = store_id if store_id is not None else acting.store_id
        meta = meta or acting.meta
    meta = meta or SYSTEM
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=getattr(actor, "email", "") or "",
        organization_id=organization_id,
        store_id=store_id,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        before=before,
        after=after,
        ip=meta.ip,
        user_agent=meta.user_agent,
    )


def audit_export_record(
    *, acting: Acting, store: Any, organization: Any, export_format: str, criteria: dict[str, Any]
) -> AuditEvent:
    """Exporting the trail is itself on the trail: who took a copy, of what (R25)."""
    return audit_record(
        action=AuditAction.AUDIT_EXPORTED,
        acting=acting,
        store=store,
        organization=organization,
        after={
            "format": export_format,
            **{k: str(v) for k, v in criteria.items() if k not in ("store", "organization") and v},
        },
    )
