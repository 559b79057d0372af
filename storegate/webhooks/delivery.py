"""Delivering one webhook (R27): POST the signed body to the checked address, log the attempt.

Named in ``settings.STOREGATE_OUTBOX_DELIVERERS`` for the ``webhook`` outbox kind. A non-2xx
answer (or no answer) raises, so the outbox retries with exponential back-off.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
from typing import Any

from django.db.models import F

from storegate.core.crypto import decrypt_secret
from storegate.core.errors import ApplicationError
from storegate.notifications.models import OutboxMessage, WebhookDelivery, WebhookEndpoint
from storegate.webhooks.signing import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    webhook_sign,
)
from storegate.webhooks.targets import webhook_target_resolve

TIMEOUT_SECONDS = 10
RESPONSE_KEEP_CHARS = 1000
USER_AGENT = "Storegate-Webhooks/1"


class WebhookDeliveryError(Exception):
    pass


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that passed the target check, whatever DNS says now."""

    def __init__(self, *args: Any, address: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, address: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name of the URL (SNI included).
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(raw, server_hostname=self.host)


def webhook_body(message: OutboxMessage) -> bytes:
    payload = {"id": str(message.pk), **message.payload}
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def deliver_webhook(message: OutboxMessage) -> None:
    endpoint = (
        WebhookEndpoint.objects.filter(pk=message.subscription_id).first()
        if message.subscription_id is not None
        else None
    )
    if endpoint is None or not endpoint.is_active:
        # Deleted or disabled since the event: nothing to send, and nothing to retry.
        return
    event = str(message.payload.get("event", ""))
    body = webhook_body(message)
    started = time.monotonic()
    status_code: int | None = None
    response_text = ""
    error = ""
    try:
        target = webhook_target_resolve(endpoint.url)
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: webhook_sign(
                secret=decrypt_secret(endpoint.secret_encrypted), body=body, timestamp=timestamp
            ),
            DELIVERY_HEADER: str(message.pk),
            EVENT_HEADER: event,
        }
        connection_class = (
            _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(
            target.host, target.port, timeout=TIMEOUT_SECONDS, address=target.address
        )
        try:
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            status_code = response.status
            response_text = response.read(RESPONSE_KEEP_CHARS * 4).decode("utf-8", "replace")
        finally:
            connection.close()
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except ApplicationError as exc:
        error = exc.message
    except (OSError, http.client.HTTPException, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    succeeded = not error
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        outbox_message_id=message.pk,
        event=event,
        attempt=message.attempts,
        succeeded=succeeded,
        status_code=status_code,
        response_body=response_text[:RESPONSE_KEEP_CHARS],
        error=error[:2000],
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if succeeded:
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        return
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    raise WebhookDeliveryError(error)
