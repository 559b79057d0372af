"""Partner side — API tokens and webhooks endpoints (SPEC §9, R27).

Organization admins and owners manage both; a token's secret and a webhook's signing secret
are in the creation response only.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from storegate import webhooks
from storegate.access.authentication import partner_token
from storegate.access.guard import acting_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.notifications.events import PartnerEvent
from storegate.notifications.models import WebhookDelivery, WebhookEndpoint
from storegate.partners import tokens
from storegate.partners.models import OrganizationApiToken, PartnerRole

router = Router(tags=["Partner side — API tokens and webhooks"])


class TokenCreateIn(Schema):
    name: str = Field(max_length=100)
    role: str = Field(default=PartnerRole.STORE_MANAGER, description="A partner role.")
    expires_in_days: int | None = None


class OrganizationTokenOut(Schema):
    id: str
    name: str
    role: str
    prefix: str
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class OrganizationTokenCreatedOut(OrganizationTokenOut):
    token: str = Field(description="The token itself; shown only in this response.")


class OrganizationTokenListOut(Schema):
    items: list[OrganizationTokenOut]
    next_cursor: str | None


class WebhookCreateIn(Schema):
    url: str = Field(max_length=500)
    events: list[str] = Field(description=f"Some of: {', '.join(PartnerEvent)}.")
    description: str | None = Field(default=None, max_length=200)


class WebhookUpdateIn(Schema):
    url: str | None = Field(default=None, max_length=500)
    events: list[str] | None = None
    description: str | None = Field(default=None, max_length=200)
    is_active: bool | None = None


class WebhookOut(Schema):
    id: str
    url: str
    description: str
    events: list[str]
    is_active: bool
    consecutive_failures: int
    disabled_at: datetime | None
    disabled_reason: str
    created_at: datetime


class WebhookCreatedOut(WebhookOut):
    secret: str = Field(description="The signing secret; shown only in this response.")


class WebhookListOut(Schema):
    items: list[WebhookOut]
    next_cursor: str | None


class WebhookDeliveryOut(Schema):
    id: str
    delivery_id: str
    event: str
    attempt: int
    succeeded: bool
    status_code: int | None
    response_body: str
    error: str
    duration_ms: int
    created_at: datetime


class WebhookDeliveryListOut(Schema):
    items: list[WebhookDeliveryOut]
    next_cursor: str | None


def token_out(token: OrganizationApiToken) -> dict[str, object]:
    return {
        "id": str(token.pk),
        "name": token.name,
        "role": token.role,
        "prefix": token.prefix,
        "created_by": token.created_by.email,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
    }


def webhook_out(endpoint: WebhookEndpoint) -> dict[str, object]:
    return {
        "id": str(endpoint.pk),
        "url": endpoint.url,
        "description": endpoint.description,
        "events": list(endpoint.events),
        "is_active": endpoint.is_active,
        "consecutive_failures": endpoint.consecutive_failures,
        "disabled_at": endpoint.disabled_at,
        "disabled_reason": endpoint.disabled_reason,
        "created_at": endpoint.created_at,
    }


def delivery_out(delivery: WebhookDelivery) -> dict[str, object]:
    return {
        "id": str(delivery.pk),
        "delivery_id": str(delivery.outbox_message_id),
        "event": delivery.event,
        "attempt": delivery.attempt,
        "succeeded": delivery.succeeded,
        "status_code": delivery.status_code,
        "response_body": delivery.response_body,
        "error": delivery.error,
        "duration_ms": delivery.duration_ms,
        "created_at": delivery.created_at,
    }


@router.get(
    "/partners/{org_id}/tokens",
    response=with_errors({200: OrganizationTokenListOut}),
    auth=partner_token,
    summary="Organization API tokens",
)
@partner_requires(PartnerRole.ADMIN)
def list_tokens(request: HttpRequest, org_id: str, cursor: str | None = None) -> dict[str, object]:
    member = partner_member_of(request)
    rows, next_cursor = keyset_page(
        tokens.organization_token_list(organization=member.organization), cursor=cursor
    )
    return page_response(rows, next_cursor, token_out)


@router.post(
    "/partners/{org_id}/tokens",
    response=with_errors({201: OrganizationTokenCreatedOut}),
    auth=partner_token,
    summary="Create an organization API token (shown once)",
)
@partner_requires(PartnerRole.ADMIN)
def create_token(
    request: HttpRequest, org_id: str, payload: TokenCreateIn
) -> Status[dict[str, object]]:
    issued = tokens.organization_token_create(
        member=partner_member_of(request),
        name=payload.name,
        role=payload.role,
        expires_in_days=payload.expires_in_days,
        acting=acting_of(request),
    )
    return Status(201, {**token_out(issued.token), "token": issued.raw})


@router.delete(
    "/partners/{org_id}/tokens/{token_id}",
    response=with_errors({204: None}),
    auth=partner_token,
    summary="Revoke an organization API token",
)
@partner_requires(PartnerRole.ADMIN)
def revoke_token(request: HttpRequest, org_id: str, token_id: str) -> HttpResponse:
    member = partner_member_of(request)
    token = tokens.organization_token_get(organization_id=member.organization_id, token_id=token_id)
    tokens.organization_token_revoke(token=token, acting=acting_of(request))
    return HttpResponse(status=204)


@router.get(
    "/partners/{org_id}/webhooks",
    response=with_errors({200: WebhookListOut}),
    auth=partner_token,
    summary="Webhook subscriptions",
)
@partner_requires(PartnerRole.ADMIN)
def list_webhooks(
    request: HttpRequest, org_id: str, cursor: str | None = None
) -> dict[str, object]:
    member = partner_member_of(request)
    rows, next_cursor = keyset_page(
        webhooks.webhook_endpoint_list(organization=member.organization),
        cursor=cursor,
        descending=False,
    )
    return page_response(rows, next_cursor, webhook_out)


@router.post(
    "/partners/{org_id}/webhooks",
    response=with_errors({201: WebhookCreatedOut}),
    auth=partner_token,
    summary="Subscribe to webhooks (the signing secret is shown once)",
)
@partner_requires(PartnerRole.ADMIN)
def create_webhook(
    request: HttpRequest, org_id: str, payload: WebhookCreateIn
) -> Status[dict[str, object]]:
    member = partner_member_of(request)
    created = webhooks.webhook_endpoint_create(
        organization=member.organization,
        url=payload.url,
        events=payload.events,
        description=payload.description or "",
        acting=acting_of(request),
    )
    return Status(201, {**webhook_out(created.endpoint), "secret": created.secret})


@router.patch(
    "/partners/{org_id}/webhooks/{webhook_id}",
    response=with_errors({200: WebhookOut}),
    auth=partner_token,
    summary="Change a webhook (or switch it on and off)",
)
@partner_requires(PartnerRole.ADMIN)
def update_webhook(
    request: HttpRequest, org_id: str, webhook_id: str, payload: WebhookUpdateIn
) -> dict[str, object]:
    member = partner_member_of(request)
    endpoint = webhooks.webhook_endpoint_get(
        organization_id=member.organization_id, endpoint_id=webhook_id
    )
    endpoint = webhooks.webhook_endpoint_update(
        endpoint=endpoint,
        url=payload.url,
        events=payload.events,
        description=payload.description,
        is_active=payload.is_active,
        acting=acting_of(request),
    )
    return webhook_out(endpoint)


@router.delete(
    "/partners/{org_id}/webhooks/{webhook_id}",
    response=with_errors({204: None}),
    auth=partner_token,
    summary="Delete a webhook",
)
@partner_requires(PartnerRole.ADMIN)
def delete_webhook(request: HttpRequest, org_id: str, webhook_id: str) -> HttpResponse:
    member = partner_member_of(request)
    endpoint = webhooks.webhook_endpoint_get(
        organization_id=member.organization_id, endpoint_id=webhook_id
    )
    webhooks.webhook_endpoint_delete(endpoint=endpoint, acting=acting_of(request))
    return HttpResponse(status=204)


@router.get(
    "/partners/{org_id}/webhooks/{webhook_id}/deliveries",
    response=with_errors({200: WebhookDeliveryListOut}),
    auth=partner_token,
    summary="A webhook's delivery log, newest first",
)
@partner_requires(PartnerRole.ADMIN)
def list_webhook_deliveries(
    request: HttpRequest, org_id: str, webhook_id: str, cursor: str | None = None
) -> dict[str, object]:
    member = partner_member_of(request)
    endpoint = webhooks.webhook_endpoint_get(
        organization_id=member.organization_id, endpoint_id=webhook_id
    )
    rows, next_cursor = keyset_page(
        webhooks.webhook_delivery_list(endpoint=endpoint), cursor=cursor
    )
    return page_response(rows, next_cursor, delivery_out)
