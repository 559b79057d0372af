"""The outbox worker: claim due messages, deliver them, record the outcome.

Safe on several workers at once: a claim is taken in a transaction with ``SKIP LOCKED`` on
PostgreSQL (SQLite serialises writers), and it times out, so a crashed worker's claim passes on.
Delivery is at-least-once; e-mails carry a Message-ID derived from the outbox row so a repeat is
recognisable, and webhooks carry a delivery id for the same purpose.

Which function delivers which kind, and what runs after a failed attempt, is named in the
settings (``STOREGATE_OUTBOX_DELIVERERS``, ``STOREGATE_OUTBOX_FAILURE_HOOKS``), as Django names
its e-mail backend: the webhooks sit at the top of the layers, this module at the bottom.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import cast

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from storegate.notifications.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

CLAIM_SECONDS = 120

Deliverer = Callable[[OutboxMessage], None]


def deliverer_for(kind: str) -> Deliverer | None:
    """The function ``settings.STOREGATE_OUTBOX_DELIVERERS`` names for ``kind``."""
    path = settings.STOREGATE_OUTBOX_DELIVERERS.get(kind)
    return cast(Deliverer, import_string(path)) if path else None


def deliver_email(message: OutboxMessage) -> None:
    payload = message.payload
    email = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=payload["to"],
        headers={"Message-ID": f"<outbox-{message.pk}@storegate>"},
    )
    if payload.get("html"):
        email.attach_alternative(payload["html"], "text/html")
    email.send(fail_silently=False)


def backoff_delay(attempts: int) -> timedelta:
    """Exponential back-off: base, 2×base, 4×base … capped at six hours."""
    base = settings.STOREGATE_OUTBOX_BACKOFF_SECONDS
    return timedelta(seconds=min(base * (2 ** max(attempts - 1, 0)), 6 * 3600))


def _claim(*, message_id: int | None, limit: int) -> list[OutboxMessage]:
    now = timezone.now()
    with transaction.atomic():
        qs = OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        qs = qs.exclude(locked_until__gt=now)
        if message_id is not None:
            qs = qs.filter(pk=message_id)
        rows = list(
            qs.select_for_update(skip_locked=True).order_by("next_attempt_at", "id")[:limit]
        )
        if rows:
            OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(
                locked_until=now + timedelta(seconds=CLAIM_SECONDS)
            )
    return rows


def deliver_one(message: OutboxMessage) -> bool:
    now = timezone.now()
    message.attempts += 1
    try:
        deliverer = deliverer_for(message.kind)
        if deliverer is None:
            raise RuntimeError(f"no deliverer for outbox kind {message.kind!r}")
        deliverer(message)
    except Exception as exc:
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.locked_until = None
        if message.attempts >= settings.STOREGATE_OUTBOX_MAX_ATTEMPTS:
            message.status = OutboxStatus.DEAD
            log.error(
                "outbox message %s given up after %s attempts: %s",
                message.pk,
                message.attempts,
                exc,
            )
        else:
            message.next_attempt_at = now + backoff_delay(message.attempts)
            log.warning(
                "outbox message %s failed (attempt %s): %s", message.pk, message.attempts, exc
            )
        message.save(
            update_fields=["attempts", "last_error", "locked_until", "status", "next_attempt_at"]
        )
        _after_failure(message)
        return False
    message.status = OutboxStatus.DELIVERED
    message.delivered_at = timezone.now()
    message.locked_until = None
    message.last_error = ""
    message.save(update_fields=["attempts", "status", "delivered_at", "locked_until", "last_error"])
    return True


def _after_failure(message: OutboxMessage) -> None:
    """Run ``settings.STOREGATE_OUTBOX_FAILURE_HOOKS`` (webhooks disable failing endpoints)."""
    for path in settings.STOREGATE_OUTBOX_FAILURE_HOOKS:
        try:
            import_string(path)(message)
        except Exception:
            log.exception("outbox failure hook failed for message %s", message.pk)


def outbox_deliver_due(*, limit: int = 100, message_id: int | None = None) -> int:
    """Deliver what is due; returns how many were delivered."""
    delivered = 0
    for message in _claim(message_id=message_id, limit=limit):
        delivered += deliver_one(message)
    return delivered
