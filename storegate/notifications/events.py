"""Partner events (R27): the workflow announces what happened to an organization's access;
subscribers turn events into outbox messages in the same transaction.

The subscribers are named in ``settings.STOREGATE_PARTNER_EVENT_SUBSCRIBERS`` (the webhooks'
fan-out, ``storegate/webhooks/fan_out.py``), so this module knows nothing above it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


class PartnerEvent(StrEnum):
    """The names sent to webhooks (``Storegate-Event`` and the body's ``event``); stored on
    every endpoint's subscription list and every delivery."""

    REQUEST_APPROVED = "request.approved"
    REQUEST_DECLINED = "request.declined"
    REQUEST_EXPIRED = "request.expired"
    ACCESS_CHANGED = "access.changed"
    ACCESS_SUSPENDED = "access.suspended"
    ACCESS_RESUMED = "access.resumed"
    ACCESS_REMOVED = "access.removed"
    ACCESS_EXPIRING = "access.expiring"


def partner_event_emit(*, organization: Any, event: PartnerEvent, data: dict[str, Any]) -> None:
    """Hand ``event`` to every subscriber, inside the emitting transaction."""
    event = PartnerEvent(event)
    for path in settings.STOREGATE_PARTNER_EVENT_SUBSCRIBERS:
        import_string(path)(organization=organization, event=event, data=data)
