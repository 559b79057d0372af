"""Managing a partner organization's webhook endpoints (R27): create, change, delete, list."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.audit.services import audit_record
from storegate.core.acting import Acting
from storegate.core.crypto import encrypt_secret
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.notifications.events import PartnerEvent
from storegate.notifications.models import WebhookDelivery, WebhookEndpoint
from storegate.webhooks.targets import bad_url, webhook_target_resolve

MAX_ENDPOINTS_PER_ORGANIZATION = 20


def _clean_events(events: list[str] | None) -> list[str]:
    if not events:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR, _("Subscribe to at least one event."), field="events"
        )
    unknown = sorted(set(events) - set(PartnerEvent))
    if unknown:
        raise ApplicationError(
            ErrorCode.VALIDATION_ERROR,
            _("Unknown events: %(unknown)s. Use some of: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(PartnerEvent)},
            field="events",
        )
    # In the catalogue's order, stored as the plain names.
    return [e.value for e in PartnerEvent if e in set(events)]


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
        raise bad_url(_("The URL is at most 500 characters."))
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
    acting: Acting,
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
        created_by=acting.user,
    )
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_CREATED,
        acting=acting,
        organization=organization,
        target=endpoint,
        after={"url": url, "events": events},
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
    acting: Acting,
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
            ""
            if is_active
            else _("Disabled by %(who)s.") % {"who": getattr(acting.user, "email", "")}
        )
        fields += ["is_active", "consecutive_failures", "disabled_at", "disabled_reason"]
    endpoint.save(update_fields=fields)
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_UPDATED,
        acting=acting,
        organization=endpoint.organization,
        target=endpoint,
        before=before,
        after={"url": endpoint.url, "events": endpoint.events, "is_active": endpoint.is_active},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, acting: Acting) -> None:
    audit_record(
        action=AuditAction.PARTNER_WEBHOOK_DELETED,
        acting=acting,
        organization=endpoint.organization,
        target=endpoint,
        before={"url": endpoint.url, "events": endpoint.events},
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
