"""Writes of draft orders: priced when saved, completed into an order."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from storegate.audit.actions import AuditAction
from storegate.commerce.catalogue.models import ProductVariant
from storegate.commerce.changes import audit_write
from storegate.commerce.customers.models import Customer
from storegate.commerce.input import (
    clean_text,
    invalid,
)
from storegate.commerce.lookup import get_in_store, parse_id, store_access
from storegate.commerce.money import ZERO
from storegate.commerce.orders.models import DraftOrder, DraftOrderStatus, FinancialStatus, Order
from storegate.commerce.orders.services import create_order_record, invalid_state, next_number
from storegate.core.acting import Acting


def _price_lines(acting: Acting, lines: Any) -> tuple[list[dict[str, Any]], Decimal]:
    if not isinstance(lines, list) or not lines or len(lines) > 250:
        raise invalid(_("Add between 1 and 250 line items."), "line_items")
    priced = []
    subtotal = ZERO
    for i, line in enumerate(lines):
        variant = get_in_store(
            ProductVariant, acting=acting, pk=line.get("variant_id"), what="variant"
        )
        quantity = line.get("quantity")
        if not isinstance(quantity, int) or not 1 <= quantity <= 10_000:
            raise invalid(_("Enter a quantity between 1 and 10,000."), f"line_items.{i}.quantity")
        title = variant.product.title
        if variant.title and variant.title != "Default":
            title = f"{title} — {variant.title}"
        priced.append(
            {
                "variant_id": variant.pk,
                "title": title,
                "sku": variant.sku,
                "quantity": quantity,
                "price": str(variant.price),
            }
        )
        subtotal += variant.price * quantity
    return priced, subtotal


@transaction.atomic
def draft_order_create(
    *,
    acting: Acting,
    line_items: list[dict[str, Any]],
    customer_id: Any = None,
    email: str = "",
    note: str = "",
) -> DraftOrder:
    access = store_access(acting)
    customer = None
    if customer_id is not None:
        customer = get_in_store(Customer, acting=acting, pk=customer_id, what="customer")
    email = clean_text(email, field="email", max_length=254) or (customer.email if customer else "")
    if email and "@" not in email:
        raise invalid(_("Enter a valid e-mail address."), "email")
    note = clean_text(note, field="note", max_length=5000)
    priced, subtotal = _price_lines(acting, line_items)
    draft = DraftOrder.objects.create(
        store_id=access.store_id,
        number=next_number(DraftOrder, access.store_id, 1),
        customer=customer,
        email=email,
        line_items=priced,
        note=note,
        subtotal=subtotal,
    )
    audit_write(
        action=AuditAction.DRAFT_ORDER_CREATED,
        acting=acting,
        target=draft,
        after={"number": draft.number, "subtotal": subtotal, "lines": len(priced)},
    )
    return draft


@transaction.atomic
def draft_order_complete(
    *,
    acting: Acting,
    draft_id: Any,
    mark_as_paid: bool = False,
) -> Order:
    access = store_access(acting)
    get_in_store(DraftOrder, acting=acting, pk=draft_id, what="draft order")
    draft = DraftOrder.objects.select_for_update().get(pk=parse_id(draft_id, "draft order"))
    if draft.status != DraftOrderStatus.OPEN:
        raise invalid_state(_("This draft order is already completed."))
    store = acting.store
    order = create_order_record(
        store_id=access.store_id,
        currency=store.currency,
        lines=draft.line_items,
        customer=draft.customer,
        email=draft.email,
        financial_status=FinancialStatus.PAID if mark_as_paid else FinancialStatus.PENDING,
        note=draft.note,
    )
    draft.status = DraftOrderStatus.COMPLETED
    draft.order = order
    draft.save(update_fields=["status", "order", "updated_at"])
    audit_write(
        action=AuditAction.DRAFT_ORDER_COMPLETED,
        acting=acting,
        target=draft,
        after={"order_id": order.pk, "order_number": order.number, "paid": bool(mark_as_paid)},
    )
    return order


@transaction.atomic
def draft_order_delete(*, acting: Acting, draft_id: Any) -> None:
    draft = get_in_store(DraftOrder, acting=acting, pk=draft_id, what="draft order")
    if draft.status != DraftOrderStatus.OPEN:
        raise invalid_state(_("A completed draft order is kept with its order."))
    audit_write(
        action=AuditAction.DRAFT_ORDER_DELETED,
        acting=acting,
        target=draft,
        before={"number": draft.number, "subtotal": draft.subtotal},
    )
    draft.delete()
