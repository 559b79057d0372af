"""Webhooks (R27): subscriptions, fan-out through the outbox, signed delivery, the delivery log,
and automatic disabling of endpoints that keep failing.

Each partner event (``notifications.events``) becomes one outbox message per matching active
endpoint, in the emitting transaction. The outbox worker POSTs it, signed::

    Storegate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
    Storegate-Delivery: <outbox message id, the same on every retry>
    Storegate-Event: <event name>

A non-2xx answer (or no answer) raises, so the outbox retries with exponential back-off. See
``docs/webhooks.md`` for how a receiver verifies a delivery and rejects replays.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.accounts.models import User
from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import RequestMeta
from storegate.core.crypto import decrypt_secret, encrypt_secret
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.delivery import FAILURE_HOOKS, register_deliverer
from storegate.notifications.events import PARTNER_EVENTS, subscribe
from storegate.notifications.models import (
    OutboxKind,
    OutboxMessage,
    WebhookDelivery,
    WebhookEndpoint,
)
from storegate.notifications.services import email_enqueue, notification_create, outbox_enqueue

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Storegate-Signature"
DELIVERY_HEADER = "Storegate-Delivery"
EVENT_HEADER = "Storegate-Event"
# A receiver should reject deliveries signed longer ago than this (seconds); see docs/webhooks.md.
REPLAY_WINDOW_SECONDS = 300
TIMEOUT_SECONDS = 10
RESPONSE_KEEP_CHARS = 1000
MAX_ENDPOINTS_PER_ORGANIZATION = 20
USER_AGENT = "Storegate-Webhooks/1"


def disable_after_failures() -> int:
    """Failed attempts in a row after which an endpoint is switched off."""
    return settings.STOREGATE_WEBHOOK_DISABLE_AFTER_FAILURES


# --- Signing -------------------------------------------------------------------------------


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


# --- Target checks (SSRF) --------------------------------------------------------------------


def _address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


@dataclass(frozen=True)
class WebhookTarget:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked IP address the delivery connects to


def webhook_target_resolve(url: str) -> WebhookTarget:
    """Parse and resolve ``url``; refuse anything but http(s) to a public address.

    Private, loopback, link-local and reserved targets are refused unless the operator set
    STOREGATE_WEBHOOK_ALLOW_PRIVATE. Called at creation and again before every delivery, and the
    delivery connects to the very address checked here, so DNS rebinding cannot slip past it.
    """
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        raise _bad_url(_("This is not a valid URL.")) from None
    if parts.scheme not in ("http", "https"):
        raise _bad_url(_("Only http:// and https:// URLs can receive webhooks."))
    host = parts.hostname or ""
    if not host:
        raise _bad_url(_("The URL has no host."))
    if parts.username or parts.password:
        raise _bad_url(_("Put no user name or password in the URL; verify the signature instead."))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise _bad_url(_("The host name of this URL does not resolve.")) from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise _bad_url(_("The host name of this URL does not resolve."))
    if not settings.STOREGATE_WEBHOOK_ALLOW_PRIVATE and not all(
        _address_is_public(a) for a in addresses
    ):
        raise _bad_url(
            _("Webhooks cannot target private, loopback, link-local or reserved addresses.")
        )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return WebhookTarget(scheme=parts.scheme, host=host, port=port, path=path, address=addresses[0])


def _bad_url(message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.VALIDATION_ERROR, message, field="url")


# --- Managing endpoints ----------------------------------------------------------------------


def _clean_events(events: list[str] | None) -> list[str]:
    if not events:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR, _("Subscribe to at least one event."), field="events"
        )
    unknown = sorted(set(events) - set(PARTNER_EVENTS))
    if unknown:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Unknown events: %(unknown)s. Use some of: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(PARTNER_EVENTS)},
            field="events",
        )
    return [e for e in PARTNER_EVENTS if e in set(events)]


def _clean_description(description: str | None) -> str:
    description = (description or "").strip()
    if len(description) > 200:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("The description is at most 200 characters."),
            field="description",
        )
    return description


def _clean_url(url: str) -> str:
    url = (url or "").strip()
    if len(url) > 500:
        raise _bad_url(_("The URL is at most 500 characters."))
    webhook_target_resolve(url)
    return url


@dataclass(frozen=True)
class CreatedWebhook:
    endpoint: WebhookEndpoint
    secret: str


@transaction.atomic
def webhook_endpoint_create(
    *,
    organization: Any,
    url: str,
    events: list[str] | None,
    description: str = "",
    acting_user: User,
    meta: RequestMeta | None = None,
) -> CreatedWebhook:
    url = _clean_url(url)
    events = _clean_events(events)
    description = _clean_description(description)
    if (
        WebhookEndpoint.objects.filter(organization=organization).count()
        >= MAX_ENDPOINTS_PER_ORGANIZATION
    ):
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("An organization has at most %(n)s webhooks.")
            % {"n": MAX_ENDPOINTS_PER_ORGANIZATION},
        )
    secret = f"whsec_{secrets.token_urlsafe(32)}"
    endpoint = WebhookEndpoint.objects.create(
        organization=organization,
        url=url,
        events=events,
        description=description,
        secret_encrypted=encrypt_secret(secret),
        created_by=acting_user,
    )
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_CREATED,
        actor=acting_user,
        organization=organization,
        target=endpoint,
        after={"url": url, "events": events},
        meta=meta,
    )
    return CreatedWebhook(endpoint=endpoint, secret=secret)


@transaction.atomic
def webhook_endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
    acting_user: User,
    meta: RequestMeta | None = None,
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    before = {"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active}
    fields = ["updated_at"]
    if url is not None:
        endpoint.url = _clean_url(url)
        fields.append("url")
    if events is not None:
        endpoint.events = _clean_events(events)
        fields.append("events")
    if description is not None:
        endpoint.description = _clean_description(description)
        fields.append("description")
    if is_active is not None and is_active != endpoint.is_active:
        endpoint.is_active = is_active
        # Re-enabling gives the endpoint a fresh count; disabling by hand names who did it.
        endpoint.consecutive_failures = 0
        endpoint.disabled_at = None if is_active else timezone.now()
        endpoint.disabled_reason = (
            "" if is_active else _("Disabled by %(who)s.") % {"who": acting_user.email}
        )
        fields += ["is_active", "consecutive_failures", "disabled_at", "disabled_reason"]
    endpoint.save(update_fields=fields)
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_UPDATED,
        actor=acting_user,
        organization=endpoint.organization,
        target=endpoint,
        before=before,
        after={"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active},
        meta=meta,
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(
    *, endpoint: WebhookEndpoint, acting_user: User, meta: RequestMeta | None = None
) -> None:
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_DELETED,
        actor=acting_user,
        organization=endpoint.organization,
        target=endpoint,
        before={"url": endpoint.url, "events": endpoint.events},
        meta=meta,
    )
    endpoint.delete()


def webhook_endpoint_list(*, organization: Any) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(organization=organization)


def webhook_endpoint_get(*, organization_id: int, endpoint_id: object) -> WebhookEndpoint:
    try:
        pk = int(str(endpoint_id))
    except (TypeError, ValueError):
        pk = 0
    endpoint = WebhookEndpoint.objects.filter(organization_id=organization_id, pk=pk).first()
    if endpoint is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such webhook."))
    return endpoint


def webhook_delivery_list(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint=endpoint)


# --- Fan-out: one outbox message per matching endpoint, in the emitting transaction -----------


@subscribe
def webhook_fan_out(*, organization: Any, event: str, data: dict[str, Any]) -> None:
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


# --- Delivery ------------------------------------------------------------------------------


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


@register_deliverer(OutboxKind.WEBHOOK)
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


def _disable_failing_endpoint(message: OutboxMessage) -> None:
    if message.kind != OutboxKind.WEBHOOK or message.subscription_id is None:
        return
    webhook_endpoint_disable_if_failing(endpoint_id=message.subscription_id)


FAILURE_HOOKS.append(_disable_failing_endpoint)


@transaction.atomic
def webhook_endpoint_disable_if_failing(*, endpoint_id: int) -> bool:
    """Switch an endpoint off after too many failures in a row, and tell the organization's admins.

    Idempotent: the row lock and the ``is_active`` check make one worker do it once.
    """
    endpoint = (
        WebhookEndpoint.objects.select_for_update()
        .select_related("organization")
        .filter(pk=endpoint_id, is_active=True)
        .first()
    )
    threshold = disable_after_failures()
    if endpoint is None or endpoint.consecutive_failures < threshold:
        return False
    endpoint.is_active = False
    endpoint.disabled_at = timezone.now()
    endpoint.disabled_reason = _("Disabled after %(n)s failed deliveries in a row.") % {
        "n": endpoint.consecutive_failures
    }
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason", "updated_at"])
    organization = endpoint.organization
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_DISABLED,
        organization=organization,
        target=endpoint,
        after={"url": endpoint.url, "consecutive_failures": endpoint.consecutive_failures},
    )
    from storegate.partners.models import PartnerMember, PartnerRole

    admins = PartnerMember.objects.select_related("user").filter(
        organization=organization, role__in=[PartnerRole.OWNER, PartnerRole.ADMIN]
    )
    link = reverse("partner_webhooks", args=[organization.pk])
    for admin in admins:
        email_enqueue(
            recipient=admin.user,
            template="webhook_disabled",
            context={
                "organization": organization,
                "endpoint": endpoint,
                "failures": endpoint.consecutive_failures,
                "url": settings.SITE_URL + link,
            },
        )
        notification_create(
            recipient=admin.user,
            kind="webhook.disabled",
            title=_("A webhook was disabled after repeated failures: %(url)s")
            % {"url": endpoint.url},
            url=link,
            organization=organization,
        )
    return True
