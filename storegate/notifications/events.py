"""Partner events (R27): the workflow announces what happened to an organization's access;
subscribers (the webhooks module) turn events into outbox messages in the same transaction.

Event names: ``request.approved``, ``request.declined``, ``request.expired``,
``access.changed``, ``access.suspended``, ``access.resumed``, ``access.removed``, ``access.expiring``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PARTNER_EVENTS = (
    "request.approved",
    "request.declined",
    "request.expired",
    "access.changed",
    "access.suspended",
    "access.resumed",
    "access.removed",
    "access.expiring",
)

Subscriber = Callable[..., None]
_SUBSCRIBERS: list[Subscriber] = []


def subscribe(func: Subscriber) -> Subscriber:
    """Register ``func(*, organization, event, data)``; called inside the emitting transaction."""
    _SUBSCRIBERS.append(func)
    return func


def partner_event_emit(*, organization: Any, event: str, data: dict[str, Any]) -> None:
    if event not in PARTNER_EVENTS:
        raise ValueError(f"unknown partner event {event!r}")
    for subscriber in _SUBSCRIBERS:
        subscriber(organization=organization, event=event, data=data)
