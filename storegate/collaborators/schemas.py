"""API shapes of the collaborator workflow (SPEC §9)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from storegate.collaborators.models import (
    CollaboratorAccess,
    CollaboratorRequest,
    PartnerStoreEntry,
)
from storegate.notifications.models import Notification
from storegate.stores.models import Store
from storegate.stores.permissions import PermissionSet
from storegate.stores.schemas import StoreRef


class AccessRequestIn(Schema):
    store: str
    code: str | None = None
    permissions: list[str] | None = None
    preset: str | None = None
    message: str | None = None
    duration_days: int | None = None


class ExtensionRequestIn(Schema):
    duration_days: int
    message: str | None = None


class ApproveIn(Schema):
    permissions: list[str] | None = None
    preset: str | None = None
    expires_at: datetime | None = None


class AccessUpdateIn(Schema):
    permissions: list[str] | None = None
    preset: str | None = None
    expires_at: datetime | None = None


class CodeOut(Schema):
    code: str
    required: bool
    generated_at: datetime


class CodeSettingIn(Schema):
    required: bool


class OrganizationRef(Schema):
    id: str
    name: str


class PersonRef(Schema):
    id: str
    name: str
    email: str


class SectionOut(Schema):
    section: str
    label: str
    permissions: list[str]


class RequestOut(Schema):
    id: str
    kind: str
    status: str
    store: StoreRef
    organization: OrganizationRef
    requested_by: PersonRef
    permissions: list[str]
    permissions_by_section: list[SectionOut]
    message: str
    duration_days: int | None
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None
    granted_permissions: list[str] | None
    access_id: str | None


class RequestListOut(Schema):
    items: list[RequestOut]
    next_cursor: str | None


class AccessOut(Schema):
    id: str
    store: StoreRef
    organization: OrganizationRef
    status: str
    permissions: list[str]
    permissions_by_section: list[SectionOut]
    expires_at: datetime | None
    granted_at: datetime
    last_login_at: datetime | None


class AccessListOut(Schema):
    items: list[AccessOut]
    next_cursor: str | None


class EntryRequestOut(Schema):
    id: str
    kind: str
    status: str
    permissions: list[str]
    created_at: datetime
    expires_at: datetime


class PartnerStoreOut(Schema):
    store: StoreRef
    status: str
    permissions: list[str]
    expires_at: datetime | None
    access_id: str | None
    request: EntryRequestOut | None


class PartnerStoreListOut(Schema):
    items: list[PartnerStoreOut]
    next_cursor: str | None


class NotificationOut(Schema):
    id: str
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationListOut(Schema):
    items: list[NotificationOut]
    next_cursor: str | None


def store_ref(store: Store) -> dict[str, str]:
    return {"id": str(store.pk), "handle": store.handle, "url": store.url, "name": store.name}


def sections(permissions: PermissionSet) -> list[dict[str, Any]]:
    return [
        {"section": s.key, "label": str(s.label), "permissions": [p.code for p in perms]}
        for s, perms in permissions.by_section().items()
    ]


def request_out(request: CollaboratorRequest) -> dict[str, Any]:
    user = request.requested_by
    granted = request.granted_permissions_mask
    return {
        "id": str(request.pk),
        "kind": request.kind,
        "status": request.status,
        "store": store_ref(request.store),
        "organization": {"id": str(request.organization_id), "name": request.organization.name},
        "requested_by": {"id": str(user.pk), "name": user.name, "email": user.email},
        "permissions": request.permissions.codes(),
        "permissions_by_section": sections(request.permissions),
        "message": request.message,
        "duration_days": request.duration_days,
        "created_at": request.created_at,
        "expires_at": request.expires_at,
        "decided_at": request.decided_at,
        "granted_permissions": PermissionSet(granted).codes() if granted is not None else None,
        "access_id": str(request.access_id) if request.access_id else None,
    }


def access_out(access: CollaboratorAccess) -> dict[str, Any]:
    return {
        "id": str(access.pk),
        "store": store_ref(access.store),
        "organization": {"id": str(access.organization_id), "name": access.organization.name},
        "status": access.status,
        "permissions": access.permissions.codes(),
        "permissions_by_section": sections(access.permissions),
        "expires_at": access.expires_at,
        "granted_at": access.granted_at,
        "last_login_at": access.last_login_at,
    }


def entry_out(entry: PartnerStoreEntry) -> dict[str, Any]:
    access = entry.access
    request = entry.request
    live = access is not None and access.is_live()
    return {
        "store": store_ref(entry.store),
        "status": entry.status,
        "permissions": access.permissions.codes() if live and access else [],
        "expires_at": access.expires_at if live and access else None,
        "access_id": str(access.pk) if live and access else None,
        "request": {
            "id": str(request.pk),
            "kind": request.kind,
            "status": request.status,
            "permissions": request.permissions.codes(),
            "created_at": request.created_at,
            "expires_at": request.expires_at,
        }
        if request is not None
        else None,
    }


def notification_out(notification: Notification) -> dict[str, Any]:
    return {
        "id": str(notification.pk),
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }
