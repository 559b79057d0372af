"""Partner side endpoints (SPEC §9): the *Stores* list, requests, own removal, hiding, extension
requests and the partner's notifications."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import partner_token
from storegate.access.guard import acting_of
from storegate.access.partner_guard import partner_member_of, partner_requires
from storegate.collaborators.schemas import (
    AccessRequestIn,
    ExtensionRequestIn,
    NotificationListOut,
    PartnerStoreListOut,
    PartnerStoreOut,
    RequestListOut,
    RequestOut,
    entry_out,
    notification_out,
    request_out,
)
from storegate.collaborators.selectors import (
    access_for_organization,
    organization_request_list,
    partner_store_list,
    request_for_organization,
    store_for_organization_entry,
)
from storegate.collaborators.services import (
    collaborator_access_remove_by_partner,
    collaborator_extension_request_create,
    collaborator_request_cancel,
    collaborator_request_create,
    partner_store_hide,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.notifications.models import Notification
from storegate.partners.models import PartnerRole

router = Router(tags=["Partner side"])


@router.get(
    "/partners/{org_id}/stores",
    response=with_errors({200: PartnerStoreListOut}),
    auth=partner_token,
    summary="The Stores list (R17)",
    description="Status is one of managed, pending, declined, access_removed, expired, "
    "suspended, cancelled; `q` searches store names and handles.",
)
@partner_requires(PartnerRole.STORE_VIEWER)
def list_stores(
    request: HttpRequest,
    org_id: str,
    status: str | None = None,
    q: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, object]:
    member = partner_member_of(request)
    rows, next_cursor = partner_store_list(
        organization=member.organization, status=status, q=q, cursor=cursor, limit=limit
    )
    return page_response(rows, next_cursor, entry_out)


@router.post(
    "/partners/{org_id}/access-requests",
    response=with_errors({201: RequestOut}),
    auth=partner_token,
    summary="Request access to a store (R01–R06)",
    description="`store` is the store's URL or handle; `code` its collaborator request code "
    "when the store requires one. Give `permissions`, a `preset` (`full_access` included), or "
    "both.",
)
@partner_requires(PartnerRole.STORE_MANAGER)
def create_access_request(
    request: HttpRequest, org_id: str, payload: AccessRequestIn
) -> Status[dict[str, object]]:
    member = partner_member_of(request)
    created = collaborator_request_create(
        organization=member.organization,
        store_reference=payload.store,
        code=payload.code,
        permissions=payload.permissions,
        preset=payload.preset,
        message=payload.message,
        duration_days=payload.duration_days,
        acting=acting_of(request),
    )
    return Status(201, request_out(created))


@router.get(
    "/partners/{org_id}/access-requests",
    response=with_errors({200: RequestListOut}),
    auth=partner_token,
    summary="The organization's requests",
)
@partner_requires(PartnerRole.STORE_VIEWER)
def list_access_requests(
    request: HttpRequest, org_id: str, status: str | None = None, cursor: str | None = None
) -> dict[str, object]:
    member = partner_member_of(request)
    rows, next_cursor = organization_request_list(
        organization=member.organization, status=status, cursor=cursor
    )
    return page_response(rows, next_cursor, request_out)


@router.post(
    "/partners/{org_id}/access-requests/{request_id}/cancel",
    response=with_errors({200: RequestOut}),
    auth=partner_token,
    summary="Cancel a pending request (R08)",
)
@partner_requires(PartnerRole.STORE_MANAGER)
def cancel_access_request(request: HttpRequest, org_id: str, request_id: str) -> dict[str, object]:
    member = partner_member_of(request)
    found = request_for_organization(organization=member.organization, request_id=request_id)
    cancelled = collaborator_request_cancel(request=found, acting=acting_of(request))
    return request_out(cancelled)


@router.delete(
    "/partners/{org_id}/stores/{store_id}/access",
    response=with_errors({204: None}),
    auth=partner_token,
    summary="Remove the organization's own access (R20)",
)
@partner_requires(PartnerRole.STORE_MANAGER)
def remove_own_access(request: HttpRequest, org_id: str, store_id: str) -> Status[None]:
    member = partner_member_of(request)
    access = access_for_organization(organization=member.organization, store_id=store_id)
    collaborator_access_remove_by_partner(access=access, acting=acting_of(request))
    return Status(204, None)


@router.post(
    "/partners/{org_id}/stores/{store_id}/hide",
    response=with_errors({200: PartnerStoreOut}),
    auth=partner_token,
    summary="Remove an ended store from the list (R21)",
)
@partner_requires(PartnerRole.STORE_MANAGER)
def hide_store(request: HttpRequest, org_id: str, store_id: str) -> dict[str, object]:
    member = partner_member_of(request)
    store = store_for_organization_entry(organization=member.organization, store_id=store_id)
    entry = partner_store_hide(
        organization=member.organization,
        store=store,
        acting=acting_of(request),
    )
    return entry_out(entry)


@router.post(
    "/partners/{org_id}/stores/{store_id}/extension-requests",
    response=with_errors({201: RequestOut}),
    auth=partner_token,
    summary="Ask the store to extend the access's end date (R23)",
)
@partner_requires(PartnerRole.STORE_MANAGER)
def create_extension_request(
    request: HttpRequest, org_id: str, store_id: str, payload: ExtensionRequestIn
) -> Status[dict[str, object]]:
    member = partner_member_of(request)
    access = access_for_organization(organization=member.organization, store_id=store_id)
    created = collaborator_extension_request_create(
        access=access,
        duration_days=payload.duration_days,
        message=payload.message or "",
        acting=acting_of(request),
    )
    return Status(201, request_out(created))


@router.get(
    "/partners/{org_id}/notifications",
    response=with_errors({200: NotificationListOut}),
    auth=partner_token,
    summary="The caller's notifications on the partner dashboard",
)
@partner_requires(PartnerRole.STORE_VIEWER)
def list_partner_notifications(
    request: HttpRequest, org_id: str, cursor: str | None = None
) -> dict[str, object]:
    member = partner_member_of(request)
    qs = Notification.objects.filter(recipient=member.user, organization=member.organization)
    rows, next_cursor = keyset_page(qs, cursor=cursor)
    return page_response(rows, next_cursor, notification_out)
