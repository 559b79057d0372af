"""Store side — staff endpoints (SPEC §9, R07, R16, S6)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires
from storegate.core.errors import ApplicationError, ErrorCode
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.models import StaffMember, Store
from storegate.stores.permissions import PermissionSet, StorePermission, parse_permission_codes
from storegate.stores.selectors import staff_for_store, staff_list
from storegate.stores.services import staff_invite, staff_remove, staff_update

router = Router(tags=["Store side — staff"])


class StaffIn(Schema):
    email: str
    permissions: list[str] = []


class StaffUpdateIn(Schema):
    permissions: list[str]


class StaffOut(Schema):
    id: str
    email: str
    name: str | None
    status: str
    permissions: list[str]
    created_at: datetime


class StaffListOut(Schema):
    items: list[StaffOut]
    next_cursor: str | None
    staff_limit: int
    staff_count: int


def staff_out(member: StaffMember) -> dict[str, object]:
    return {
        "id": str(member.pk),
        "email": member.email,
        "name": member.user.name if member.user else None,
        "status": member.status,
        "permissions": member.permissions.codes(),
        "created_at": member.created_at,
    }


def _permissions(codes: list[str]) -> PermissionSet:
    try:
        return parse_permission_codes(codes)
    except PermissionError as exc:
        raise ApplicationError(
            ErrorCode.PERMISSION_NOT_GRANTABLE, str(exc), field="permissions"
        ) from None
    except ValueError as exc:
        raise ApplicationError(ErrorCode.VALIDATION_ERROR, str(exc), field="permissions") from None


def _member(store: Store, staff_id: str) -> StaffMember:
    member = staff_for_store(store=store, staff_id=staff_id)
    if member is None:
        raise ApplicationError(ErrorCode.NOT_FOUND, _("No such staff member."))
    return member


@router.get(
    "/stores/{store_id}/staff",
    response=with_errors({200: StaffListOut}),
    auth=any_token,
    summary="Staff accounts (invited and active); collaborators are not staff (R16)",
)
@requires(StorePermission.STAFF_VIEW)
def list_staff(request: HttpRequest, store_id: str, cursor: str | None = None) -> dict[str, object]:
    store = acting_of(request).store
    rows, next_cursor = keyset_page(staff_list(store=store), cursor=cursor)
    return {
        **page_response(rows, next_cursor, staff_out),
        "staff_limit": store.staff_limit,
        "staff_count": staff_list(store=store).count(),
    }


@router.post(
    "/stores/{store_id}/staff",
    response=with_errors({201: StaffOut}),
    auth=any_token,
    summary="Invite a staff member (R07, R16)",
)
@requires(StorePermission.STAFF_MANAGE)
def invite_staff(
    request: HttpRequest, store_id: str, payload: StaffIn
) -> Status[dict[str, object]]:
    member = staff_invite(
        store=acting_of(request).store,
        email=payload.email,
        permissions=_permissions(payload.permissions),
        acting=acting_of(request),
    )
    return Status(201, staff_out(member))


@router.patch(
    "/stores/{store_id}/staff/{staff_id}",
    response=with_errors({200: StaffOut}),
    auth=any_token,
    summary="Change a staff member's permissions (S6)",
)
@requires(StorePermission.STAFF_MANAGE)
def update_staff(
    request: HttpRequest, store_id: str, staff_id: str, payload: StaffUpdateIn
) -> dict[str, object]:
    store = acting_of(request).store
    member = staff_update(
        store=store,
        staff=_member(store, staff_id),
        permissions=_permissions(payload.permissions),
        acting=acting_of(request),
    )
    return staff_out(member)


@router.delete(
    "/stores/{store_id}/staff/{staff_id}",
    response=with_errors({204: None}),
    auth=any_token,
    summary="Remove a staff member",
)
@requires(StorePermission.STAFF_MANAGE)
def remove_staff(request: HttpRequest, store_id: str, staff_id: str) -> Status[None]:
    store = acting_of(request).store
    staff_remove(
        store=store,
        staff=_member(store, staff_id),
        acting=acting_of(request),
    )
    return Status(204, None)
