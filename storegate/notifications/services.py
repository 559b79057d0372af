"""Writes of the notifications app: outbox rows and in-app notifications.

Call these inside the transaction of the change that causes them; the outbox row then commits
or rolls back with that change (SPEC §6), and a worker delivers it after the commit.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from storegate.notifications.kinds import NotificationKind
from storegate.notifications.models import Notification, OutboxKind, OutboxMessage
from storegate.notifications.tasks import deliver_outbox_message

log = logging.getLogger(__name__)


def _language_of(recipient: Any, language: str | None) -> str:
    return language or getattr(recipient, "language", None) or settings.LANGUAGE_CODE


def outbox_enqueue(
    *, kind: OutboxKind, payload: dict[str, Any], subscription_id: int | None = None
) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        kind=kind, payload=payload, subscription_id=subscription_id
    )
    # Deliver soon after the commit; the periodic sweep catches anything this misses (a crash).
    transaction.on_commit(lambda: _enqueue_delivery(message.pk))
    return message


def _enqueue_delivery(message_id: int) -> None:
    try:
        deliver_outbox_message.enqueue(message_id)
    except Exception:
        log.warning("could not enqueue delivery of outbox message %s", message_id)


def email_enqueue(
    *,
    recipient: Any,
    template: str,
    context: dict[str, Any],
    language: str | None = None,
) -> OutboxMessage:
    """Render ``emails/<template>.txt`` (+ ``_subject.txt``, optional ``.html``) in the recipient's language."""
    address = recipient if isinstance(recipient, str) else recipient.email
    ctx = {"site_url": settings.SITE_URL, "recipient": recipient, **context}
    with translation.override(_language_of(recipient, language)):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
        body = str(render_to_string(f"emails/{template}.txt", ctx))
        html: str
        try:
            html = str(render_to_string(f"emails/{template}.html", ctx))
        except TemplateDoesNotExist:
            html = ""
    return outbox_enqueue(
        kind=OutboxKind.EMAIL,
        payload={
            "to": [address],
            "subject": subject,
            "body": body,
            "html": html,
            "template": template,
        },
    )


def notification_create(
    *,
    recipient: Any,
    kind: NotificationKind | str,
    title: str,
    body: str = "",
    url: str = "",
    store: Any = None,
    organization: Any = None,
) -> Notification:
    # An unknown kind is a programming error: every kind is named in NotificationKind.
    return Notification.objects.create(
        recipient=recipient,
        kind=NotificationKind(kind),
        title=str(title)[:300],
        body=str(body),
        url=url,
        store=store,
        organization=organization,
    )


def notification_mark_read(*, recipient: Any, notification_ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
