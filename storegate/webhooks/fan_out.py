"""Fan-out (R27): one outbox message per matching active endpoint, in the emitting transaction.

Named in ``settings.STOREGATE_PARTNER_EVENT_SUBSCRIBERS``; ``partner_event_emit`` calls it.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from storegate.notifications.events import PartnerEvent
from storegate.notifications.models import OutboxKind, WebhookEndpoint
from storegate.notifications.services import outbox_enqueue


def webhook_fan_out(*, organization: Any, event: PartnerEvent, data: dict[str, Any]) -> None:
    endpoints = WebhookEndpoint.objects.filter(organization=organization, is_active=True)
    created_at = timezone.now().isoformat()
    for endpoint in endpoints:
        if event not in endpoint.events:
            continue
        outbox_enqueue(
            kind=OutboxKind.WEBHOOK,
            payload={
                "event": event,
                "organization_id": str(organization.pk),
                "created_at": created_at,
                "data": data,
            },
            subscription_id=endpoint.pk,
        )
