"""Webhook signatures (R27): what Storegate sends and what a receiver checks.

    Storegate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
    Storegate-Delivery: <outbox message id, the same on every retry>
    Storegate-Event: <event name>

See ``docs/webhooks.md`` for how a receiver verifies a delivery and rejects replays.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Storegate-Signature"
DELIVERY_HEADER = "Storegate-Delivery"
EVENT_HEADER = "Storegate-Event"
# A receiver should reject deliveries signed longer ago than this (seconds); see docs/webhooks.md.
REPLAY_WINDOW_SECONDS = 300


def webhook_sign(*, secret: str, body: bytes, timestamp: int) -> str:
    """The ``Storegate-Signature`` header value for ``body`` sent at ``timestamp``."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_signature_verify(
    *,
    secret: str,
    header: str,
    body: bytes,
    now: float | None = None,
    tolerance: int = REPLAY_WINDOW_SECONDS,
) -> bool:
    """What a receiver does: the signature matches the body and the timestamp is recent."""
    parts: dict[str, list[str]] = {}
    for item in (header or "").split(","):
        key, _sep, value = item.strip().partition("=")
        parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError, IndexError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = webhook_sign(secret=secret, body=body, timestamp=timestamp).split("v1=", 1)[1]
    return any(hmac.compare_digest(expected, candidate) for candidate in parts.get("v1", []))
