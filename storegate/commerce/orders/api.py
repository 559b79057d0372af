"""Store side — commerce endpoints (SPEC §9): orders, fulfilments, refunds and draft orders.

Each operation declares its permission once (``@requires``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from storegate.access.authentication import any_token
from storegate.access.guard import acting_of, requires, store_access_of
from storegate.commerce.api_paths import S
from storegate.commerce.input import sent_fields
from storegate.commerce.orders import draft_orders, selectors, services
from storegate.commerce.orders.schemas import (
    DraftCompleteIn,
    DraftOrderIn,
    DraftOrderListOut,
    DraftOrderOut,
    FulfillmentIn,
    FulfillmentListOut,
    FulfillmentOut,
    OrderCancelIn,
    OrderListOut,
    OrderOut,
    OrderUpdateIn,
    RefundIn,
    RefundOut,
    draft_order_out,
    fulfillment_out,
    order_out,
    order_summary_out,
)
from storegate.core.pagination import keyset_page, page_response
from storegate.core.schemas import with_errors
from storegate.stores.permissions import StorePermission as P

router = Router()


@router.get(f"{S}/orders", response=with_errors({200: OrderListOut}), auth=any_token)
@requires(P.ORDERS_VIEW)
def list_orders(
    request: HttpRequest,
    store_id: str,
    status: str | None = None,
    financial_status: str | None = None,
    fulfillment_status: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    access = store_access_of(request)
    qs = selectors.order_list(
        store_id=access.store_id,
        status=status,
        financial_status=financial_status,
        fulfillment_status=fulfillment_status,
    )
    rows, next_cursor = keyset_page(qs, cursor=cursor, limit=limit)
    return page_response(rows, next_cursor, order_summary_out)


@router.get(f"{S}/orders/{{order_id}}", response=with_errors({200: OrderOut}), auth=any_token)
@requires(P.ORDERS_VIEW)
def get_order(request: HttpRequest, store_id: str, order_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return order_out(selectors.order_get(store_id=access.store_id, order_id=order_id))


@router.patch(f"{S}/orders/{{order_id}}", response=with_errors({200: OrderOut}), auth=any_token)
@requires(P.ORDERS_MANAGE_INFORMATION)
def update_order(
    request: HttpRequest, store_id: str, order_id: str, payload: OrderUpdateIn
) -> dict[str, Any]:
    acting = acting_of(request)
    access = store_access_of(request)
    services.order_update_information(acting=acting, order_id=order_id, data=sent_fields(payload))
    return order_out(selectors.order_get(store_id=access.store_id, order_id=order_id))


@router.post(
    f"{S}/orders/{{order_id}}/cancel", response=with_errors({200: OrderOut}), auth=any_token
)
@requires(P.ORDERS_CANCEL)
def cancel_order(
    request: HttpRequest, store_id: str, order_id: str, payload: OrderCancelIn
) -> dict[str, Any]:
    acting = acting_of(request)
    access = store_access_of(request)
    services.order_cancel(acting=acting, order_id=order_id, reason=payload.reason)
    return order_out(selectors.order_get(store_id=access.store_id, order_id=order_id))


@router.post(
    f"{S}/orders/{{order_id}}/mark-as-paid", response=with_errors({200: OrderOut}), auth=any_token
)
@requires(P.ORDERS_MARK_AS_PAID)
def mark_order_as_paid(request: HttpRequest, store_id: str, order_id: str) -> dict[str, Any]:
    acting = acting_of(request)
    access = store_access_of(request)
    services.order_mark_as_paid(acting=acting, order_id=order_id)
    return order_out(selectors.order_get(store_id=access.store_id, order_id=order_id))


@router.post(
    f"{S}/orders/{{order_id}}/refunds", response=with_errors({201: RefundOut}), auth=any_token
)
@requires(P.ORDERS_REFUND)
def refund_order(
    request: HttpRequest, store_id: str, order_id: str, payload: RefundIn
) -> Status[dict[str, Any]]:
    refund = services.order_refund(
        acting=acting_of(request), order_id=order_id, amount=payload.amount, reason=payload.reason
    )
    return Status(
        201,
        {
            "id": str(refund.pk),
            "amount": refund.amount,
            "reason": refund.reason,
            "created_at": refund.created_at,
        },
    )


@router.delete(f"{S}/orders/{{order_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.ORDERS_DELETE)
def delete_order(request: HttpRequest, store_id: str, order_id: str) -> Status[None]:
    services.order_delete(acting=acting_of(request), order_id=order_id)
    return Status(204, None)


@router.get(
    f"{S}/orders/{{order_id}}/fulfillments",
    response=with_errors({200: FulfillmentListOut}),
    auth=any_token,
)
@requires(P.ORDERS_VIEW)
def list_fulfillments(request: HttpRequest, store_id: str, order_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    order = selectors.order_get(store_id=access.store_id, order_id=order_id)
    return {
        "items": [fulfillment_out(f) for f in order.fulfillment_rows],  # type: ignore[attr-defined]
        "next_cursor": None,
    }


@router.post(
    f"{S}/orders/{{order_id}}/fulfillments",
    response=with_errors({201: FulfillmentOut}),
    auth=any_token,
    summary="Fulfil items with tracking",
)
@requires(P.ORDERS_FULFILL_AND_SHIP)
def create_fulfillment(
    request: HttpRequest, store_id: str, order_id: str, payload: FulfillmentIn
) -> Status[dict[str, Any]]:
    lines = (
        None
        if payload.line_items is None
        else [
            {"line_item_id": li.line_item_id, "quantity": li.quantity} for li in payload.line_items
        ]
    )
    fulfillment = services.fulfillment_create(
        acting=acting_of(request),
        order_id=order_id,
        lines=lines,
        location_id=payload.location_id,
        tracking_company=payload.tracking_company,
        tracking_number=payload.tracking_number,
        tracking_url=payload.tracking_url,
        notify_customer=payload.notify_customer,
    )
    return Status(201, fulfillment_out(fulfillment))


@router.get(f"{S}/draft-orders", response=with_errors({200: DraftOrderListOut}), auth=any_token)
@requires(P.DRAFT_ORDERS_VIEW)
def list_draft_orders(
    request: HttpRequest, store_id: str, cursor: str | None = None
) -> dict[str, Any]:
    access = store_access_of(request)
    rows, next_cursor = keyset_page(
        selectors.draft_order_list(store_id=access.store_id), cursor=cursor
    )
    return page_response(rows, next_cursor, draft_order_out)


@router.post(f"{S}/draft-orders", response=with_errors({201: DraftOrderOut}), auth=any_token)
@requires(P.DRAFT_ORDERS_MANAGE)
def create_draft_order(
    request: HttpRequest, store_id: str, payload: DraftOrderIn
) -> Status[dict[str, Any]]:
    draft = draft_orders.draft_order_create(
        acting=acting_of(request),
        line_items=[li.model_dump() for li in payload.line_items],
        customer_id=payload.customer_id,
        email=payload.email,
        note=payload.note,
    )
    return Status(201, draft_order_out(draft))


@router.get(
    f"{S}/draft-orders/{{draft_id}}", response=with_errors({200: DraftOrderOut}), auth=any_token
)
@requires(P.DRAFT_ORDERS_VIEW)
def get_draft_order(request: HttpRequest, store_id: str, draft_id: str) -> dict[str, Any]:
    access = store_access_of(request)
    return draft_order_out(selectors.draft_order_get(store_id=access.store_id, draft_id=draft_id))


@router.post(
    f"{S}/draft-orders/{{draft_id}}/complete",
    response=with_errors({201: OrderOut}),
    auth=any_token,
)
@requires(P.DRAFT_ORDERS_MANAGE)
def complete_draft_order(
    request: HttpRequest, store_id: str, draft_id: str, payload: DraftCompleteIn
) -> Status[dict[str, Any]]:
    acting = acting_of(request)
    access = store_access_of(request)
    order = draft_orders.draft_order_complete(
        acting=acting, draft_id=draft_id, mark_as_paid=payload.mark_as_paid
    )
    return Status(
        201,
        order_out(selectors.order_get(store_id=access.store_id, order_id=order.pk)),
    )


@router.delete(f"{S}/draft-orders/{{draft_id}}", response=with_errors({204: None}), auth=any_token)
@requires(P.DRAFT_ORDERS_DELETE)
def delete_draft_order(request: HttpRequest, store_id: str, draft_id: str) -> Status[None]:
    draft_orders.draft_order_delete(acting=acting_of(request), draft_id=draft_id)
    return Status(204, None)
