"""Store side — collaborators endpoints (SPEC §9, R10–R15) and the store's notifications."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import ValidationError
from pydantic import ValidationError as PydanticValidationError

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.collaborators.schemas import (
    AccessListOut,
    AccessOut,
    AccessUpdateIn,
    ApproveIn,
    CodeOut,
    CodeSettingIn,
    NotificationListOut,
    RequestListOut,
    RequestOut,
    access_out,
    notification_out,
    request_out,
)
from storegate.collaborators.selectors import (
    access_for_store,
    request_for_store,
    store_collaborator_list,
    store_request_list,
)
from storegate.collaborators.services import (
    UNCHANGED,
    collaborator_access_remove,
    collaborator_access_resume,
    collaborator_access_suspend,
    collaborator_access_update,
    collaborator_request_approve,
    collaborator_request_decline,
    request_code_regenerate,
    request_code_set_required,
)
from storegate.collaborators.services.parsing import parse_permissions
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.notifications.models import Notification
from storegate.stores.models import Store
from storegate.stores.permissions import StorePermission

router = Router(tags=["Store side — collaborators"])
MANAGE = StorePermission.COLLABORATORS_MANAGE


def _code_out(store: Store) -> dict[str, object]:
    return {
        "code": store.request_code,
        "required": store.request_code_required,
        "generated_at": store.request_code_generated_at,
    }


@router.get(
    "/stores/{store_id}/collaborator-code",
    response=with_errors({200: CodeOut}),
    auth=any_token,
    summary="The collaborator request code (R15)",
)
@requires(MANAGE)
def get_collaborator_code(request: HttpRequest, store_id: str) -> dict[str, object]:
    return _code_out(acting_of(request).store)


@router.patch(
    "/stores/{store_id}/collaborator-code",
    response=with_errors({200: CodeOut}),
    auth=any_token,
    summary="Require the code, or let anyone send a request (R02, R15)",
)
@requires(MANAGE)
def set_collaborator_code_required(
    request: HttpRequest, store_id: str, payload: CodeSettingIn
) -> dict[str, object]:
    store = request_code_set_required(
        store=acting_of(request).store,
        required=payload.required,
        acting=acting_of(request),
    )
    return _code_out(store)


@router.post(
    "/stores/{store_id}/collaborator-code/regenerate",
    response=with_errors({200: CodeOut}),
    auth=any_token,
    summary="Generate a new code; the old one stops working at once (R15)",
)
@requires(MANAGE)
def regenerate_collaborator_code(request: HttpRequest, store_id: str) -> dict[str, object]:
    store = request_code_regenerate(
        store=acting_of(request).store,
        acting=acting_of(request),
    )
    return _code_out(store)


@router.get(
    "/stores/{store_id}/collaborator-requests",
    response=with_errors({200: RequestListOut}),
    auth=any_token,
    summary="Collaborator requests (R10); `status` defaults to pending",
)
@requires(MANAGE)
def list_collaborator_requests(
    request: HttpRequest, store_id: str, status: str | None = "pending", cursor: str | None = None
) -> dict[str, object]:
    qs = store_request_list(store=acting_of(request).store, status=status or None)
    rows, next_cursor = keyset_page(qs, cursor=cursor)
    return page_response(rows, next_cursor, request_out)


@router.get(
    "/stores/{store_id}/collaborator-requests/{request_id}",
    response=with_errors({200: RequestOut}),
    auth=any_token,
    summary="One collaborator request, permissions grouped by section (R10)",
)
@requires(MANAGE)
def get_collaborator_request(
    request: HttpRequest, store_id: str, request_id: str
) -> dict[str, object]:
    return request_out(request_for_store(store=acting_of(request).store, request_id=request_id))


def _optional_body(request: HttpRequest) -> ApproveIn:
    """The approve body is optional: no JSON body grants what was requested."""
    if request.content_type != "application/json" or not request.body.strip():
        return ApproveIn()
    try:
        return ApproveIn.model_validate_json(request.body)
    except PydanticValidationError as exc:
        raise ValidationError(
            [dict(e) for e in exc.errors(include_url=False, include_context=False)]
        ) from None


@router.post(
    "/stores/{store_id}/collaborator-requests/{request_id}/approve",
    response=with_errors({200: AccessOut}),
    auth=any_token,
    summary="Approve, optionally with other permissions and an end date (R11, R12)",
    description="Body (optional): `{permissions?, preset?, expires_at?}`; without it the "
    "requested permissions are granted, ending after the wished duration if one was given.",
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": ApproveIn.model_json_schema()}},
        }
    },
)
@requires(MANAGE)
def approve_collaborator_request(
    request: HttpRequest, store_id: str, request_id: str
) -> dict[str, object]:
    payload = _optional_body(request)
    store = acting_of(request).store
    found = request_for_store(store=store, request_id=request_id)
    access = collaborator_request_approve(
        request=found,
        acting=acting_of(request),
        permissions=parse_permissions(
            permissions=payload.permissions, preset=payload.preset, required=False
        ),
        expires_at=payload.expires_at,
    )
    return access_out(access)


@router.post(
    "/stores/{store_id}/collaborator-requests/{request_id}/decline",
    response=with_errors({200: RequestOut}),
    auth=any_token,
    summary="Decline a request (R12)",
)
@requires(MANAGE)
def decline_collaborator_request(
    request: HttpRequest, store_id: str, request_id: str
) -> dict[str, object]:
    found = request_for_store(store=acting_of(request).store, request_id=request_id)
    declined = collaborator_request_decline(
        request=found,
        acting=acting_of(request),
    )
    return request_out(declined)


@router.get(
    "/stores/{store_id}/collaborators",
    response=with_errors({200: AccessListOut}),
    auth=any_token,
    summary="Collaborator accesses (active and suspended unless `status` says otherwise)",
)
@requires(MANAGE)
def list_collaborators(
    request: HttpRequest, store_id: str, status: str | None = None, cursor: str | None = None
) -> dict[str, object]:
    rows, next_cursor = store_collaborator_list(
        store=acting_of(request).store, cursor=cursor, status=status
    )
    return page_response(rows, next_cursor, access_out)


@router.patch(
    "/stores/{store_id}/collaborators/{access_id}",
    response=with_errors({200: AccessOut}),
    auth=any_token,
    summary="Change a collaborator's permissions and end date (R13)",
    description="`expires_at: null` removes the end date; leaving it out keeps it.",
)
@requires(MANAGE)
def update_collaborator(
    request: HttpRequest, store_id: str, access_id: str, payload: AccessUpdateIn
) -> dict[str, object]:
    access = access_for_store(store=store_access_of(request).store_id, access_id=access_id)
    updated = collaborator_access_update(
        access=access,
        acting=acting_of(request),
        permissions=parse_permissions(
            permissions=payload.permissions, preset=payload.preset, required=False
        ),
        expires_at=payload.expires_at if "expires_at" in payload.model_fields_set else UNCHANGED,
    )
    return access_out(updated)


@router.post(
    "/stores/{store_id}/collaborators/{access_id}/suspend",
    response=with_errors({200: AccessOut}),
    auth=any_token,
    summary="Suspend a collaborator; live sessions end (R14)",
)
@requires(MANAGE)
def suspend_collaborator(request: HttpRequest, store_id: str, access_id: str) -> dict[str, object]:
    access = access_for_store(store=store_access_of(request).store_id, access_id=access_id)
    return access_out(
        collaborator_access_suspend(
            access=access,
            acting=acting_of(request),
        )
    )


@router.post(
    "/stores/{store_id}/collaborators/{access_id}/resume",
    response=with_errors({200: AccessOut}),
    auth=any_token,
    summary="Resume a suspended collaborator (R14)",
)
@requires(MANAGE)
def resume_collaborator(request: HttpRequest, store_id: str, access_id: str) -> dict[str, object]:
    access = access_for_store(store=store_access_of(request).store_id, access_id=access_id)
    return access_out(
        collaborator_access_resume(
            access=access,
            acting=acting_of(request),
        )
    )


@router.delete(
    "/stores/{store_id}/collaborators/{access_id}",
    response=with_errors({204: None}),
    auth=any_token,
    summary="Remove a collaborator; live sessions end (R14)",
)
@requires(MANAGE)
def remove_collaborator(request: HttpRequest, store_id: str, access_id: str) -> Status[None]:
    access = access_for_store(store=store_access_of(request).store_id, access_id=access_id)
    collaborator_access_remove(
        access=access,
        acting=acting_of(request),
    )
    return Status(204, None)


@router.get(
    "/stores/{store_id}/notifications",
    response=with_errors({200: NotificationListOut}),
    auth=any_token,
    summary="The caller's notifications on this store's Home",
)
@requires()
def list_store_notifications(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, object]:
    access = store_access_of(request)
    qs = Notification.objects.filter(recipient_id=access.user_id, store_id=access.store_id)
    rows, next_cursor = keyset_page(qs, cursor=cursor)
    return page_response(rows, next_cursor, notification_out)
