"""Reads of orders and draft orders; each takes the store."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from storegate.commerce.lookup import in_store
from storegate.commerce.orders.models import DraftOrder, Order


def order_list(
    *,
    store_id: int,
    status: str | None = None,
    financial_status: str | None = None,
    fulfillment_status: str | None = None,
) -> QuerySet[Order]:
    qs = Order.objects.filter(store_id=store_id)
    if status:
        qs = qs.filter(status=status)
    if financial_status:
        qs = qs.filter(financial_status=financial_status)
    if fulfillment_status:
        qs = qs.filter(fulfillment_status=fulfillment_status)
    return qs


def order_get(*, store_id: int, order_id: Any) -> Order:
    return in_store(
        Order.objects.prefetch_related(
            "line_items", Prefetch("fulfillments", to_attr="fulfillment_rows"), "refunds"
        ),
        store_id,
        order_id,
        "order",
    )


def draft_order_list(*, store_id: int) -> QuerySet[DraftOrder]:
    return DraftOrder.objects.filter(store_id=store_id)


def draft_order_get(*, store_id: int, draft_id: Any) -> DraftOrder:
    return in_store(DraftOrder.objects.all(), store_id, draft_id, "draft order")
