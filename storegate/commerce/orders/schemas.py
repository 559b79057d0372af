"""Request and response shapes of orders, fulfilments, refunds and draft orders, and the rows
turned into them. Money is a decimal string."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from storegate.commerce.lookup import id_out
from storegate.commerce.orders.models import DraftOrder, Fulfillment, LineItem, Order


class OrderUpdateIn(Schema):
    note: str | None = None
    tags: list[str] | None = None
    shipping_address: dict[str, str] | None = None


class OrderCancelIn(Schema):
    reason: str = "other"


class RefundIn(Schema):
    amount: Decimal
    reason: str = ""


class FulfillmentLineIn(Schema):
    line_item_id: str
    quantity: int


class FulfillmentIn(Schema):
    line_items: list[FulfillmentLineIn] | None = None
    location_id: str | None = None
    tracking_company: str = ""
    tracking_number: str = ""
    tracking_url: str = ""
    notify_customer: bool = False


class DraftLineIn(Schema):
    variant_id: str
    quantity: int


class DraftOrderIn(Schema):
    line_items: list[DraftLineIn]
    customer_id: str | None = None
    email: str = ""
    note: str = ""


class DraftCompleteIn(Schema):
    mark_as_paid: bool = False


class LineItemOut(Schema):
    id: str
    variant_id: str | None
    title: str
    sku: str
    quantity: int
    price: Decimal
    fulfilled_quantity: int


class FulfillmentOut(Schema):
    id: str
    location_id: str | None
    tracking_company: str
    tracking_number: str
    tracking_url: str
    line_items: list[dict[str, Any]]
    created_at: datetime


class RefundOut(Schema):
    id: str
    amount: Decimal
    reason: str
    created_at: datetime


class OrderSummaryOut(Schema):
    id: str
    name: str
    number: int
    email: str
    currency: str
    status: str
    financial_status: str
    fulfillment_status: str
    total: Decimal
    processed_at: datetime


class OrderOut(OrderSummaryOut):
    customer_id: str | None
    subtotal: Decimal
    discount_total: Decimal
    shipping_total: Decimal
    tax_total: Decimal
    refunded_total: Decimal
    discount_code: str
    note: str
    tags: list[str]
    shipping_address: dict[str, Any]
    cancelled_at: datetime | None
    cancel_reason: str
    line_items: list[LineItemOut]
    fulfillments: list[FulfillmentOut]
    refunds: list[RefundOut]


class OrderListOut(Schema):
    items: list[OrderSummaryOut]
    next_cursor: str | None


class FulfillmentListOut(Schema):
    items: list[FulfillmentOut]
    next_cursor: str | None


class DraftOrderOut(Schema):
    id: str
    name: str
    status: str
    customer_id: str | None
    email: str
    line_items: list[dict[str, Any]]
    subtotal: Decimal
    note: str
    order_id: str | None
    created_at: datetime


class DraftOrderListOut(Schema):
    items: list[DraftOrderOut]
    next_cursor: str | None


def order_summary_out(order: Order) -> dict[str, Any]:
    return {
        "id": str(order.pk),
        "name": order.name,
        "number": order.number,
        "email": order.email,
        "currency": order.currency,
        "status": order.status,
        "financial_status": order.financial_status,
        "fulfillment_status": order.fulfillment_status,
        "total": order.total,
        "processed_at": order.processed_at,
    }


def line_item_out(item: LineItem) -> dict[str, Any]:
    return {
        "id": str(item.pk),
        "variant_id": id_out(item.variant_id),
        "title": item.title,
        "sku": item.sku,
        "quantity": item.quantity,
        "price": item.price,
        "fulfilled_quantity": item.fulfilled_quantity,
    }


def fulfillment_out(fulfillment: Fulfillment) -> dict[str, Any]:
    return {
        "id": str(fulfillment.pk),
        "location_id": id_out(fulfillment.location_id),
        "tracking_company": fulfillment.tracking_company,
        "tracking_number": fulfillment.tracking_number,
        "tracking_url": fulfillment.tracking_url,
        "line_items": [
            {"line_item_id": str(line.line_item_id), "quantity": line.quantity}
            for line in fulfillment.lines.all()
        ],
        "created_at": fulfillment.created_at,
    }


def order_out(order: Order) -> dict[str, Any]:
    fulfillments = getattr(order, "fulfillment_rows", None)
    if fulfillments is None:
        fulfillments = list(order.fulfillments.all())
    return {
        **order_summary_out(order),
        "customer_id": id_out(order.customer_id),
        "subtotal": order.subtotal,
        "discount_total": order.discount_total,
        "shipping_total": order.shipping_total,
        "tax_total": order.tax_total,
        "refunded_total": order.refunded_total,
        "discount_code": order.discount_code,
        "note": order.note,
        "tags": order.tags,
        "shipping_address": order.shipping_address,
        "cancelled_at": order.cancelled_at,
        "cancel_reason": order.cancel_reason,
        "line_items": [line_item_out(i) for i in order.line_items.all()],
        "fulfillments": [fulfillment_out(f) for f in fulfillments],
        "refunds": [
            {"id": str(r.pk), "amount": r.amount, "reason": r.reason, "created_at": r.created_at}
            for r in order.refunds.all()
        ],
    }


def draft_order_out(draft: DraftOrder) -> dict[str, Any]:
    return {
        "id": str(draft.pk),
        "name": f"#D{draft.number}",
        "status": draft.status,
        "customer_id": id_out(draft.customer_id),
        "email": draft.email,
        "line_items": draft.line_items,
        "subtotal": draft.subtotal,
        "note": draft.note,
        "order_id": id_out(draft.order_id),
        "created_at": draft.created_at,
    }
