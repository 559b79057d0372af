"""Writing the audit trail. Every service calls ``audit_record`` inside its own transaction."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.utils import timezone

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
    at: datetime | None = None,
) -> AuditEvent:
    """Record ``action`` (now, or ``at`` when the service works with its own clock). ``acting`` gives the person, their organization, the store and the
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
    timing = {"created_at": at} if at is not None else {}
    return AuditEvent.objects.create(
        **timing,
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


# Repeated refusals of one kind from one source within this window make one event (R25).
AUDIT_REPEAT_WINDOW = timedelta(minutes=15)


def audit_record_repeated(
    *,
    action: AuditAction,
    acting: Acting,
    organization: Any = None,
    store: Any = None,
    window: timedelta = AUDIT_REPEAT_WINDOW,
    now: datetime | None = None,
) -> AuditEvent:
    """Record a refusal that an attacker can repeat at will (a wrong or throttled request code),
    with a bounded volume: the first refusal of ``action`` from one source (organization, person
    and address) at one store writes an event; later ones within ``window`` of it add to that
    event's ``after["count"]`` and set ``after["last_at"]`` instead of writing new events.

    The one exception to "never updated" (R25, docs/architecture.md): an aggregated event's count
    and last time move while its window is open, nothing else ever changes, and once the window
    has passed it is frozen like every other event. Every attempt is still counted where the
    limits are evaluated (``RequestCodeAttempt``); only the trail is bounded.

    The caller serialises concurrent refusals of the same source (the request-code check holds
    the organization and store locks); the event row is locked as well, so no increment is lost.
    """
    now = now or timezone.now()
    meta = acting.meta
    organization_id = getattr(organization, "pk", organization)
    store_id = getattr(store, "pk", store)
    if organization_id is None:
        organization_id = acting.organization_id
    if store_id is None:
        store_id = acting.store_id
    actor = acting.user
    open_event = (
        AuditEvent.objects.select_for_update()
        .filter(
            action=action,
            store_id=store_id,
            organization_id=organization_id,
            actor_id=getattr(actor, "pk", None),
            ip=meta.ip,
            created_at__gt=now - window,
            after__has_key="count",
        )
        .order_by("-id")
        .first()
    )
    if open_event is None:
        return audit_record(
            action=action,
            acting=acting,
            organization=organization_id,
            store=store_id,
            after={"count": 1, "last_at": now.isoformat()},
            at=now,
        )
    after = dict(open_event.after or {})
    after["count"] = int(after.get("count", 1)) + 1
    after["last_at"] = now.isoformat()
    # A queryset update: AuditEvent.save() refuses to change a recorded event, on purpose.
    AuditEvent.objects.filter(pk=open_event.pk).update(after=after)
    open_event.after = after
    return open_event


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
